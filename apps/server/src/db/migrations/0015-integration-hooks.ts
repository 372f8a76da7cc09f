import type { Knex } from 'knex';

/** The apps an account connects, to itself or to one of its inboxes, with their settings. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('integration_hooks', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.string('app_id', 64).notNullable();
    table.integer('inbox_id').nullable().references('inboxes.id').onDelete('CASCADE');
    // account or inbox, as the app says.
    table.string('hook_type', 16).notNullable();
    table.boolean('enabled').notNullable();
    table.jsonb('settings').notNullable();
    table.string('reference_id').nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['account_id', 'app_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('integration_hooks');
}
