import type { Knex } from 'knex';

/**
 * Each contact session gets the token its contact's realtime connection subscribes with, which the client API hands
 * out. Sessions kept from before are given theirs the first time the client API reads them.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('contact_inboxes', (table) => {
    table.string('pubsub_token', 24).nullable();
  });
  await db.raw('create unique index contact_inboxes_pubsub_token_unique on contact_inboxes (pubsub_token)');
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop index contact_inboxes_pubsub_token_unique');
  await db.schema.alterTable('contact_inboxes', (table) => {
    table.dropColumn('pubsub_token');
  });
}
