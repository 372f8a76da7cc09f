import type { Database } from '../db/connection';
import type { TableRow } from '../db/tables';

/** A consumer's place in the log and its failed attempts at the event after it, as the database keeps them. */
export interface ConsumerProgress {
  /** The id of the last event handled; `logStart` before every event. */
  position: number;
  /** Failed attempts at the event after the position; 0 when the last attempt succeeded. */
  attempts: number;
  /** Unix seconds before which the failed event is not tried again; null when nothing failed. */
  retryAt: number | null;
  lastError: string | null;
}

type ProgressRow = Pick<TableRow<'event_consumers'>, 'position_event_id' | 'attempts' | 'retry_at' | 'last_error'>;

/**
 * Gives each named consumer a progress row, at the start of the log for a name never seen before, and returns the
 * rows' ids by name. A name seen before keeps its progress.
 */
export async function registerConsumers(db: Database, names: string[], now: number): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  await db('event_consumers')
    .insert(names.map((name) => ({ name, created_at: now, updated_at: now })))
    .onConflict('name')
    .ignore();
  const rows: { id: number; name: string }[] = await db('event_consumers').whereIn('name', names).select('id', 'name');
  return new Map(rows.map((row) => [row.name, row.id]));
}

export async function findProgress(db: Database, consumerId: number): Promise<ConsumerProgress> {
  const row: ProgressRow | undefined = await db('event_consumers').where('id', consumerId).first();
  if (!row) throw new Error(`event consumer ${consumerId} has no progress row`);
  return {
    position: row.position_event_id,
    attempts: row.attempts,
    retryAt: row.retry_at,
    lastError: row.last_error,
  };
}

export async function saveProgress(
  db: Database,
  consumerId: number,
  progress: ConsumerProgress,
  now: number,
): Promise<void> {
  await db('event_consumers').where('id', consumerId).update({
    position_event_id: progress.position,
    attempts: progress.attempts,
    retry_at: progress.retryAt,
    last_error: progress.lastError,
    updated_at: now,
  });
}

/** The position of the consumer furthest behind, among every consumer with a progress row; undefined when none has. */
export async function slowestPosition(db: Database): Promise<number | undefined> {
  const row = await db('event_consumers').min({ slowest: 'position_event_id' }).first();
  // The minimum of no rows is null.
  return row?.slowest ?? undefined;
}
