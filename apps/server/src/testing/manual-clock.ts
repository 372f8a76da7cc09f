import type { Clock } from '../config/clock';

export interface ManualClock extends Clock {
  advance(seconds: number): void;
}

/** A clock that moves only when told to. */
export function manualClock(startSeconds = 1_763_700_000): ManualClock {
  let now = startSeconds;
  return {
    nowSeconds: () => now,
    advance: (seconds) => {
      now += seconds;
    },
  };
}
