import type { Clock } from '../config/clock';
import type { Database } from '../db/connection';
import { slowestPosition } from './consumer-progress';
import { deleteEvents } from './event-store';

export interface PruneOptions {
  db: Database;
  clock: Clock;
  /** How long a handled event is kept, in seconds. */
  retentionSeconds: number;
}

/**
 * Deletes the events older than the retention that every consumer has passed; returns how many. Every consumer with a
 * progress row counts, not only those of one dispatcher, because processes may register different consumers; a
 * consumer that is no longer registered anywhere keeps its row, and holds back pruning, until the row is deleted.
 */
export async function pruneEvents({ db, clock, retentionSeconds }: PruneOptions): Promise<number> {
  const upTo = await slowestPosition(db);
  return deleteEvents(db, { occurredBefore: clock.nowSeconds() - retentionSeconds, upTo });
}
