import type { Knex } from 'knex';

const isPostgres = (db: Knex) => db.client.config.client === 'pg';

/**
 * The advisory lock a transaction holds, shared, from before its event takes an id until it ends; readers take it
 * exclusively to learn up to which id every event is settled (see event-store.ts, which names the same key).
 */
const recordingLock = { namespace: 0x65766e74, key: 0 };

export async function up(db: Knex): Promise<void> {
  if (isPostgres(db)) {
    // The ids' sequence, created before the table for the id's default to use. It keeps the default cache of one
    // value: sessions caching blocks of ids would hand them out out of order, and readers rely on that order.
    await db.raw('create sequence domain_events_id_seq');
    // The id's default takes the recording lock before the id, so that every insert holds it, whichever code makes
    // it. Advisory locks belong to the database: nothing outside this log waits for them, or holds them.
    await db.raw(`create function next_domain_event_id() returns bigint language plpgsql volatile as $$
      begin
        perform pg_advisory_xact_lock_shared(${recordingLock.namespace}, ${recordingLock.key});
        return nextval('domain_events_id_seq');
      end
    $$`);
  }

  await db.schema.createTable('domain_events', (table) => {
    // An id is never handed out twice, even after pruning deleted the newest events, so an event recorded after a
    // prune always lies beyond every consumer's position: a sequence on PostgreSQL, AUTOINCREMENT on SQLite, where
    // the single writer commits in id order.
    if (isPostgres(db)) {
      table.bigInteger('id').primary().defaultTo(db.raw('next_domain_event_id()'));
    } else {
      table.bigIncrements('id');
    }
    table.string('name').notNullable();
    // No foreign key to accounts: the log outlives what it describes, and an account's deletion is itself an event
    // that consumers must still read.
    table.integer('account_id');
    table.string('subject_type').notNullable();
    table.bigInteger('subject_id').notNullable();
    table.string('actor_type').notNullable();
    table.bigInteger('actor_id');
    table.jsonb('data').notNullable();
    table.bigInteger('occurred_at').notNullable();
    table.index(['occurred_at']);
  });
  if (isPostgres(db)) await db.raw('alter sequence domain_events_id_seq owned by domain_events.id');

  await db.schema.createTable('event_consumers', (table) => {
    table.increments('id');
    table.string('name').notNullable().unique();
    // The id of the last event the consumer handled, its place in the log; 0 lies before every event.
    table.bigInteger('position_event_id').notNullable().defaultTo(0);
    // Failed attempts at the event after the position, and when the next attempt is due.
    table.integer('attempts').notNullable().defaultTo(0);
    table.bigInteger('retry_at');
    table.text('last_error');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('event_consumers');
  await db.schema.dropTableIfExists('domain_events');
  if (isPostgres(db)) await db.raw('drop function if exists next_domain_event_id()');
}
