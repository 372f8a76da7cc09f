/** The source of the current time, injected so that tests can move it. */
export interface Clock {
  /** Current time in unix seconds. */
  nowSeconds(): number;
  /** Current time in unix milliseconds, for the few times the API gives with a fraction. */
  nowMilliseconds(): number;
}

export const systemClock: Clock = {
  nowSeconds: () => Math.floor(Date.now() / 1000),
  nowMilliseconds: () => Date.now(),
};
