import type { Knex } from 'knex';

/**
 * Secrets the server generates for itself, once, by name: every process on the database reads the same value, so a
 * link one of them signed opens on any other. A process that finds none inserts one; a concurrent insert of the same
 * name is ignored, and both then read the one that was kept.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('server_secrets', (table) => {
    table.increments('id');
    table.string('name').notNullable().unique();
    table.string('value').notNullable();
    table.bigInteger('created_at').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('server_secrets');
}
