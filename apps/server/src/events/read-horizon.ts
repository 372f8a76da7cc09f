import type { Database } from '../db/connection';
import { latestEventId, logStart, settledEventId } from './event-store';

/** How far a dispatcher's consumers may read: an id up to which every event is settled (see event-store.ts). */
export interface ReadHorizon {
  /**
   * An id up to which every event is settled and which reaches, when writers let it, every event committed before
   * the call. Never lower than what an earlier call answered.
   */
  settledUpTo(): Promise<number>;
}

/**
 * One horizon for all the consumers of a dispatcher: what one learned settled serves the others, and the recording
 * lock is asked for only when events above the settled id have committed, once for every consumer asking meanwhile.
 * An idle log costs one cheap read per batch and takes no lock.
 */
export function createReadHorizon(db: Database): ReadHorizon {
  let settled = logStart;
  /** The settling under way; it resolves to whether it could take the recording lock in time. */
  let settling: Promise<boolean> | undefined;

  function settle(): Promise<boolean> {
    settling ??= settledEventId(db)
      .then((bound) => {
        if (bound !== undefined) settled = Math.max(settled, bound);
        return bound !== undefined;
      })
      .finally(() => {
        settling = undefined;
      });
    return settling;
  }

  return {
    async settledUpTo() {
      const latest = await latestEventId(db);
      if (latest <= settled) return settled;
      // A settling under way may have read the highest id before `latest` was committed. When it does not reach
      // `latest`, the next one, begun after, does; when writers kept it from the lock, this pass learns nothing new.
      if (settling !== undefined && !(await settling)) return settled;
      if (latest > settled) await settle();
      return settled;
    },
  };
}
