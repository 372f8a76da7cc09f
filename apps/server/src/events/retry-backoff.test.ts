import { retryDelaySeconds } from './retry-backoff';

test('the delay doubles with each failed attempt, up to the longest', () => {
  const backoff = { firstDelaySeconds: 5, longestDelaySeconds: 60 };
  expect([1, 2, 3, 4, 5, 6].map((attempts) => retryDelaySeconds(attempts, backoff))).toEqual([5, 10, 20, 40, 60, 60]);
});
