import type { Knex } from 'knex';

/**
 * What the server posts to webhooks, API inboxes and agent bots: one row per event and target, kept until it is
 * delivered or given up, then for a while for administrators to look at. Each target's deliveries are made in the
 * order of their ids. A delivery goes with its target.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('webhook_deliveries', (table) => {
    table.increments('id');
    // `X-Chatwoot-Delivery`: one per delivery, the same on every attempt.
    table.string('delivery_id', 36).notNullable().unique();
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.integer('webhook_id').nullable().references('webhooks.id').onDelete('CASCADE');
    table.integer('inbox_id').nullable().references('inboxes.id').onDelete('CASCADE');
    table.integer('agent_bot_id').nullable().references('agent_bots.id').onDelete('CASCADE');
    // `webhook:4`, `inbox:7` or `agent_bot:2`: the queue the delivery waits in.
    table.string('target', 64).notNullable();
    table.bigInteger('event_id').notNullable();
    table.string('event', 64).notNullable();
    // The message a delivery to an API inbox is about, which is marked failed if the delivery is given up.
    table.integer('message_id').nullable();
    table.text('url').notNullable();
    table.text('body').notNullable();
    // pending, delivered or failed (given up).
    table.string('status', 16).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.bigInteger('next_attempt_at').notNullable();
    table.integer('last_status_code').nullable();
    table.text('last_error').nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('finished_at').nullable();
    // A redelivered event is fanned out again only where it was not already.
    table.unique(['event_id', 'target']);
    table.index(['target', 'status', 'id']);
    table.index(['status', 'next_attempt_at']);
    table.index(['webhook_id', 'id']);
    table.index(['finished_at']);
  });
  // One row per target that has had deliveries: while a process works through the target's queue, until when the
  // others leave that queue alone.
  await db.schema.createTable('webhook_delivery_queues', (table) => {
    table.string('target', 64).primary();
    table.bigInteger('claimed_until').nullable();
  });
  // Deliveries begin with the events recorded from now on: the events of a server that ran before have had no
  // receivers, and posting them now, late, would surprise the addresses API inboxes already had.
  const [newest] = await db('domain_events').max({ last: 'id' });
  await db('event_consumers')
    .insert({ name: 'webhook-deliveries', position_event_id: Number(newest?.last ?? 0), created_at: 0, updated_at: 0 })
    .onConflict('name')
    .ignore();
}

export async function down(db: Knex): Promise<void> {
  await db('event_consumers').where({ name: 'webhook-deliveries' }).delete();
  await db.schema.dropTable('webhook_delivery_queues');
  await db.schema.dropTable('webhook_deliveries');
}
