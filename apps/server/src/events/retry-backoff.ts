/** How long a consumer waits before trying a failed event again: doubling from the first delay, up to the longest. */
export interface RetryBackoff {
  firstDelaySeconds: number;
  longestDelaySeconds: number;
}

export const defaultRetryBackoff: RetryBackoff = { firstDelaySeconds: 5, longestDelaySeconds: 15 * 60 };

/** The delay after the `attempts`-th failed attempt at one event (1 for the first). */
export function retryDelaySeconds(attempts: number, backoff: RetryBackoff): number {
  return Math.min(backoff.firstDelaySeconds * 2 ** (attempts - 1), backoff.longestDelaySeconds);
}
