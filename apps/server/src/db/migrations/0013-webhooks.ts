import type { Knex } from 'knex';
import { randomToken } from '../../modules/access-tokens/random-token';

/**
 * Account webhooks, and the secrets that sign what is posted to agent bots and to API inboxes' webhook addresses.
 * Bots and API inboxes kept from before get a secret of their own.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('webhooks', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.integer('inbox_id').nullable().references('inboxes.id').onDelete('SET NULL');
    table.string('name');
    table.text('url').notNullable();
    table.jsonb('subscriptions').notNullable();
    table.string('secret', 24).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.unique(['account_id', 'url']);
  });
  await db.schema.alterTable('agent_bots', (table) => {
    table.string('secret', 24).nullable();
  });
  await db.schema.alterTable('inboxes', (table) => {
    table.string('secret', 24).nullable();
  });
  for (const { id } of await db('agent_bots').select('id')) {
    await db('agent_bots').where({ id }).update({ secret: randomToken() });
  }
  for (const { id } of await db('inboxes').where({ channel_type: 'Channel::Api' }).select('id')) {
    await db('inboxes').where({ id }).update({ secret: randomToken() });
  }
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('inboxes', (table) => {
    table.dropColumn('secret');
  });
  await db.schema.alterTable('agent_bots', (table) => {
    table.dropColumn('secret');
  });
  await db.schema.dropTable('webhooks');
}
