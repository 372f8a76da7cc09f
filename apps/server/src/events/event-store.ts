import type { Database } from '../db/connection';
import { readJson, writeJson } from '../db/json-column';
import type { TableRow } from '../db/tables';
import type { DomainEvent, NewDomainEvent } from './domain-event';

/** A consumer's place in the log is the id of the last event it passed; this one lies before every event. */
export const logStart = 0;

type EventRow = TableRow<'domain_events'>;

export const isPostgres = (db: Database) => db.client.config.client === 'pg';

/**
 * The advisory-lock namespace of the event log ("evnt"): the recording lock under key 0, which no consumer's id is,
 * and each consumer's claim under its id.
 */
export const eventLockNamespace = 0x65766e74;

/**
 * The advisory lock that every transaction recording an event holds, shared, from before its event takes an id until
 * it ends: `next_domain_event_id()`, the id column's default on PostgreSQL, takes it (migration 0004 spells out the
 * same key). The namespace is the consumers' claims' (consumer-claim.ts); 0 is no consumer's id.
 */
const recordingLock = { namespace: eventLockNamespace, key: 0 };

/**
 * How long a reader waits for the recording lock. Writers that come meanwhile queue behind the reader, so a writer
 * that holds the lock long must not stall them long; it also stays well below `deadlock_timeout` (1 s by default),
 * so that the reader, not a writer, gives up when waiting for each other.
 */
const recordingLockTimeout = '200ms';

const lockNotAvailable = '55P03';

/**
 * Adds an event to the log through `db`, which is the recording service's transaction. On PostgreSQL the id's
 * default takes the recording lock first, whoever inserts: see `readEventsAfter`.
 */
export async function insertEvent(db: Database, event: NewDomainEvent, occurredAt: number): Promise<void> {
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

/** The highest id among committed events; 0 when there is none. Cheap: one step down the primary key. */
export async function latestEventId(db: Database): Promise<number> {
  const row = await db('domain_events').max({ latest: 'id' }).first();
  return row?.latest ?? 0;
}

/**
 * An id up to which every event is settled: its transaction has ended, so no event at or below it can still appear.
 * Undefined when, on PostgreSQL, recording transactions kept the lock from being taken in time; then nothing is known
 * settled beyond what was before.
 */
export async function settledEventId(db: Database): Promise<number | undefined> {
  if (!isPostgres(db)) return latestEventId(db);
  try {
    return await db.transaction(async (transaction) => {
      await transaction.raw(`set local lock_timeout = '${recordingLockTimeout}'`);
      await transaction.raw('select pg_advisory_xact_lock(?, ?)', [recordingLock.namespace, recordingLock.key]);
      return latestEventId(transaction);
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === lockNotAvailable) return undefined;
    throw error;
  }
}

/**
 * Up to `limit` events after `position` and at or below `upTo`, in id order. `upTo` must be settled
 * (`settledEventId`): then no event of a transaction that commits later lies in the range read, and a consumer may
 * advance past what it reads without ever missing an event.
 *
 * On PostgreSQL, ids are handed out when a transaction inserts and become visible when it commits, in whichever order
 * transactions commit: while the transaction holding id 10 is still open, id 11 may already be committed, and a reader
 * that moved past 11 would never see 10. So every transaction that records an event holds the recording lock, shared,
 * from before its event takes an id until it ends (the id's default takes it, so no insert escapes it), and
 * `settledEventId` takes the same lock exclusively, in a short transaction of its own, and reads the highest id while
 * holding it. Every transaction that took an id before then has ended, since it held the lock; every later one waits
 * for the lock before it takes an id, which will be higher. Ids come from one sequence without a per-session cache,
 * so they are handed out in increasing order across sessions.
 *
 * Advisory locks belong to one database: only transactions recording events into this log hold dispatch back, not
 * other writers of this database nor anything else on the server. Reading below the oldest running transaction
 * (`xmin`) instead would let any transaction left open anywhere on the server hold back every consumer. A recording
 * transaction holds the lock only a moment, as the event is recorded with its change just before commit. The
 * exclusive lock is asked for with a short lock timeout, so that writers queued behind it wait little; when it runs
 * out, the pass reads no further than what was settled before. The dispatcher shares one settled id among its
 * consumers and asks again only when events above it have committed (read-horizon.ts), so an idle log takes no lock.
 *
 * The log's order is the order in which events took their ids: for two changes to one row, the order of the changes,
 * since the second waits for the first's row lock before recording its event.
 *
 * SQLite has one writer, which commits in id order, so every committed event is settled.
 */
export async function readEventsAfter(
  db: Database,
  position: number,
  { upTo, limit }: { upTo: number; limit: number },
): Promise<DomainEvent[]> {
  const rows: EventRow[] = await db<EventRow>('domain_events')
    .where('id', '>', position)
    .andWhere('id', '<=', upTo)
    .orderBy('id')
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    accountId: row.account_id,
    subject: { type: row.subject_type, id: row.subject_id },
    actor: { type: row.actor_type, id: row.actor_id },
    data: readJson(row.data),
    occurredAt: row.occurred_at,
  }));
}

/** Deletes the events that occurred before `occurredBefore` and lie at or before `upTo` (all of them without it). */
export async function deleteEvents(
  db: Database,
  { occurredBefore, upTo }: { occurredBefore: number; upTo?: number },
): Promise<number> {
  const query = db('domain_events').where('occurred_at', '<', occurredBefore);
  if (upTo !== undefined) query.andWhere('id', '<=', upTo);
  return query.delete();
}
