import { createWakeSignal } from './wake-signal';

test('a sleep ends when its interval does', async () => {
  const signal = createWakeSignal();
  const started = Date.now();
  await signal.sleep(20);
  expect(Date.now() - started).toBeGreaterThanOrEqual(15);
});

test('a wake ends the sleep under way', async () => {
  const signal = createWakeSignal();
  const sleeping = signal.sleep(60_000);
  signal.wake();
  await sleeping;
});

test('a wake while awake ends the next sleep at once, and only that one', async () => {
  const signal = createWakeSignal();
  signal.wake();
  await signal.sleep(60_000);
  let ended = false;
  const sleeping = signal.sleep(30).then(() => {
    ended = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect(ended).toBe(false);
  await sleeping;
});
