import type { Clock } from '../config/clock';

export interface ManualClock extends Clock {
  advance(seconds: number): void;
}

/** A clock that moves only when told to, by whole seconds or fractions of them. */
export function manualClock(startSeconds = 1_763_700_000): ManualClock {
  let nowMilliseconds = startSeconds * 1000;
  return {
    nowSeconds: () => Math.floor(nowMilliseconds / 1000),
    nowMilliseconds: () => nowMilliseconds,
    advance: (seconds) => {
      nowMilliseconds += Math.round(seconds * 1000);
    },
  };
}
