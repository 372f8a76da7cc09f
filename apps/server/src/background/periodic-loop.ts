import type { Logger } from 'pino';
import { createWakeSignal } from '../events/wake-signal';

export interface PeriodicLoop {
  /** Runs the work now, then again each interval after the run before it ends. */
  start(): void;
  /** Stops the loop; resolves once a run under way has finished. */
  stop(): Promise<void>;
}

/**
 * Runs work the server does on its own, on a timer, in a process that does background work. A run that fails is
 * logged and tried again at the next interval; runs never overlap, as each starts after the one before it ended.
 */
export function createPeriodicLoop(options: {
  /** What the work does, for the log. */
  description: string;
  intervalMs: number;
  logger: Logger;
  work: () => Promise<unknown>;
}): PeriodicLoop {
  const { description, intervalMs, logger, work } = options;
  const signal = createWakeSignal();
  let running = false;
  let loop: Promise<void> = Promise.resolve();

  async function repeat(): Promise<void> {
    while (running) {
      try {
        await work();
      } catch (error) {
        logger.error({ err: error }, `${description} failed; it is tried again at the next interval`);
      }
      await signal.sleep(intervalMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = repeat();
    },

    async stop() {
      running = false;
      signal.wake();
      await loop;
    },
  };
}
