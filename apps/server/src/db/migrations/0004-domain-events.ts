import type { Knex } from 'knex';

const isPostgres = (db: Knex) => db.client.config.client === 'pg';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('domain_events', (table) => {
    // AUTOINCREMENT on SQLite: an id is never handed out twice, even after pruning deleted the newest events, so an
    // event recorded after a prune always lies beyond every consumer's position.
    table.bigIncrements('id');
    // The top-level transaction that recorded the event. PostgreSQL assigns sequence values in one order and commits
    // in another, so consumers read the log in (transaction_id, id) order and only below the oldest transaction still
    // running (see event-store.ts). SQLite has a single writer, which commits in id order: the column stays 0 there.
    if (isPostgres(db)) {
      table.bigInteger('transaction_id').notNullable().defaultTo(db.raw('(pg_current_xact_id()::text::bigint)'));
    } else {
      table.bigInteger('transaction_id').notNullable().defaultTo(0);
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
    table.index(['transaction_id', 'id']);
    table.index(['occurred_at']);
  });

  await db.schema.createTable('event_consumers', (table) => {
    table.increments('id');
    table.string('name').notNullable().unique();
    // The last event the consumer handled, as its place in the log's (transaction_id, id) order; (0, 0) lies before
    // every event.
    table.bigInteger('position_transaction_id').notNullable().defaultTo(0);
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
}
