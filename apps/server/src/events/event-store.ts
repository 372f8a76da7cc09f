import type { Database } from '../db/connection';
import { readJson, type StoredJson, writeJson } from '../db/json-column';
import type { ActorReference, DomainEvent, NewDomainEvent } from './domain-event';

/**
 * A place in the log. The log's order is (transactionId, eventId): on PostgreSQL, the top-level transaction that
 * recorded the event, then the event's id; on SQLite transactionId is always 0, so the order is the id's.
 */
export interface LogPosition {
  transactionId: number;
  eventId: number;
}

/** Before every event: where a new consumer starts. */
export const logStart: LogPosition = { transactionId: 0, eventId: 0 };

/** A committed event and its place in the log. */
export interface LoggedEvent {
  event: DomainEvent;
  position: LogPosition;
}

interface EventRow {
  id: number;
  transaction_id: number;
  name: string;
  account_id: number | null;
  subject_type: string;
  subject_id: number;
  actor_type: ActorReference['type'];
  actor_id: number | null;
  data: StoredJson<Record<string, unknown>>;
  occurred_at: number;
}

const isPostgres = (db: Database) => db.client.config.client === 'pg';

/** Adds an event to the log through `db`, which is the recording service's transaction. */
export async function insertEvent(db: Database, event: NewDomainEvent, occurredAt: number): Promise<void> {
  // transaction_id is left to its column default, which is the inserting transaction's own id on PostgreSQL.
  await db('domain_events').insert({
    name: event.name,
    account_id: event.accountId,
    subject_type: event.subject.type,
    subject_id: event.subject.id,
    actor_type: event.actor.type,
    actor_id: event.actor.id,
    data: writeJson(event.data),
    occurred_at: occurredAt,
  });
}

/**
 * Up to `limit` events after `position`, in log order, among those that no later commit can precede.
 *
 * On PostgreSQL, sequence values are handed out when a transaction inserts and become visible when it commits, in
 * whichever order transactions commit: while the transaction holding id 10 is still open, id 11 may already be
 * committed, and a reader that moved past 11 would never see 10. So every event carries the id of the transaction
 * that recorded it, and only events of transactions older than the snapshot's xmin (the oldest transaction still
 * running, server-wide) are read. Transaction ids are handed out in increasing order, so every transaction below xmin
 * has ended, and any transaction that commits later has an id at or above it: its events sort after every event read
 * here, which makes advancing past what is read safe. The price: a long-running writing transaction anywhere on the
 * server holds back dispatch until it ends. Events of one transaction stay together, in the order they were recorded;
 * two concurrent transactions are ordered by when each was assigned its id (its first write), not by when it
 * committed.
 *
 * SQLite has one writer and commits in id order, so every committed event can be read.
 */
export async function readEventsAfter(db: Database, position: LogPosition, limit: number): Promise<LoggedEvent[]> {
  const query = db<EventRow>('domain_events')
    .whereRaw('(transaction_id, id) > (?, ?)', [position.transactionId, position.eventId])
    .orderBy([
      { column: 'transaction_id', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(limit);
  if (isPostgres(db)) {
    query.whereRaw('transaction_id < (select pg_snapshot_xmin(pg_current_snapshot())::text::bigint)');
  }
  const rows: EventRow[] = await query;
  return rows.map((row) => ({
    event: {
      id: row.id,
      name: row.name,
      accountId: row.account_id,
      subject: { type: row.subject_type, id: row.subject_id },
      actor: { type: row.actor_type, id: row.actor_id },
      data: readJson(row.data),
      occurredAt: row.occurred_at,
    },
    position: { transactionId: row.transaction_id, eventId: row.id },
  }));
}

/** Deletes the events that occurred before `occurredBefore` and lie at or before `upTo` (all of them without it). */
export async function deleteEvents(
  db: Database,
  { occurredBefore, upTo }: { occurredBefore: number; upTo?: LogPosition },
): Promise<number> {
  const query = db('domain_events').where('occurred_at', '<', occurredBefore);
  if (upTo) query.whereRaw('(transaction_id, id) <= (?, ?)', [upTo.transactionId, upTo.eventId]);
  return query.delete();
}
