import type { Knex } from 'knex';

/**
 * Satisfaction surveys: each inbox's survey settings, and the contacts' answers, one per survey message. An answer
 * stays when the agent it credits leaves the account; it goes with its conversation, message or contact.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('inboxes', (table) => {
    table.jsonb('csat_config').notNullable().defaultTo('{}');
  });
  await db.schema.createTable('csat_survey_responses', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.integer('conversation_id').notNullable().references('conversations.id').onDelete('CASCADE');
    table.integer('message_id').notNullable().unique().references('messages.id').onDelete('CASCADE');
    table.integer('contact_id').notNullable().references('contacts.id').onDelete('CASCADE');
    table.integer('assigned_agent_id').nullable().references('users.id').onDelete('SET NULL');
    table.integer('rating').notNullable();
    table.text('feedback_message');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    // Administrators read an account's answers newest first, by time range.
    table.index(['account_id', 'created_at']);
    table.index(['conversation_id']);
    table.index(['contact_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('csat_survey_responses');
  await db.schema.alterTable('inboxes', (table) => {
    table.dropColumn('csat_config');
  });
}
