import type { Database } from '../db/connection';
import { type ConsumerProgress, findProgress } from './consumer-progress';
import { eventLockNamespace, isPostgres } from './event-store';

/**
 * Runs `work` with the consumer's progress while no other dispatcher works for that consumer, or returns undefined
 * at once when another one does. `work` reads events and saves progress through the database handle it is given.
 *
 * On PostgreSQL, several processes dispatch: the claim is a transaction-level advisory lock on the consumer's row id,
 * taken with pg_try_advisory_xact_lock (it skips a claimed consumer, as SKIP LOCKED would) and held while the batch
 * is handled and the position advanced, until commit. Unlike a row lock, taking it writes nothing. The lock ends
 * with the transaction, or with the connection if the process dies, so a crash never leaves a consumer claimed.
 *
 * SQLite serves one process, which runs one dispatcher, over one connection: a transaction held during the batch would
 * stall every other query of the process. The progress is read and later saved outside any transaction, and the
 * dispatcher itself never runs two batches of one consumer at once. A crash before the save makes the batch be handled
 * again.
 */
export async function claimConsumer<T>(
  db: Database,
  consumerId: number,
  work: (db: Database, progress: ConsumerProgress) => Promise<T>,
): Promise<T | undefined> {
  if (!isPostgres(db)) return work(db, await findProgress(db, consumerId));
  return db.transaction(async (transaction) => {
    const { rows } = await transaction.raw('select pg_try_advisory_xact_lock(?, ?) as claimed', [
      eventLockNamespace,
      consumerId,
    ]);
    if (!rows[0].claimed) return undefined;
    return work(transaction, await findProgress(transaction, consumerId));
  });
}
