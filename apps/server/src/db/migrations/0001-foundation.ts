import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('platform_apps', (table) => {
    table.increments('id');
    table.string('name').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
  });

  await db.schema.createTable('accounts', (table) => {
    table.increments('id');
    table.string('name').notNullable();
    table.string('locale').notNullable().defaultTo('en');
    table.string('domain');
    table.string('support_email');
    table.string('status').notNullable().defaultTo('active');
    table.jsonb('custom_attributes').notNullable();
    table.jsonb('limits').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
  });

  await db.schema.createTable('users', (table) => {
    table.increments('id');
    table.string('name').notNullable();
    table.string('display_name');
    table.string('email').notNullable().unique();
    table.string('encrypted_password');
    table.bigInteger('confirmed_at');
    table.string('pubsub_token').notNullable().unique();
    table.jsonb('ui_settings').notNullable();
    table.text('message_signature');
    table.jsonb('custom_attributes').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
  });

  await db.schema.createTable('account_users', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    table.string('role').notNullable().defaultTo('agent');
    table.integer('inviter_id').references('users.id').onDelete('SET NULL');
    table.string('availability').notNullable().defaultTo('online');
    table.boolean('auto_offline').notNullable().defaultTo(true);
    table.bigInteger('active_at');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.unique(['account_id', 'user_id']);
    table.index(['user_id']);
  });

  await db.schema.createTable('agent_bots', (table) => {
    table.increments('id');
    table.string('name').notNullable();
    table.text('description');
    table.string('outgoing_url');
    table.integer('account_id').references('accounts.id').onDelete('CASCADE');
    table.string('bot_type').notNullable().defaultTo('webhook');
    table.jsonb('bot_config').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['account_id']);
  });

  await db.schema.createTable('access_tokens', (table) => {
    table.increments('id');
    table.string('owner_type').notNullable();
    table.integer('owner_id').notNullable();
    table.string('token').notNullable().unique();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.unique(['owner_type', 'owner_id']);
  });

  await db.schema.createTable('platform_app_permissibles', (table) => {
    table.increments('id');
    table.integer('platform_app_id').notNullable().references('platform_apps.id').onDelete('CASCADE');
    table.string('permissible_type').notNullable();
    table.integer('permissible_id').notNullable();
    table.bigInteger('created_at').notNullable();
    table.unique(['platform_app_id', 'permissible_type', 'permissible_id']);
    table.index(['permissible_type', 'permissible_id']);
  });

  await db.schema.createTable('sso_login_tokens', (table) => {
    table.increments('id');
    table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    table.string('token_digest').notNullable().unique();
    table.bigInteger('expires_at').notNullable();
    table.bigInteger('used_at');
    table.bigInteger('created_at').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of [
    'sso_login_tokens',
    'platform_app_permissibles',
    'access_tokens',
    'agent_bots',
    'account_users',
    'users',
    'accounts',
    'platform_apps',
  ]) {
    await db.schema.dropTableIfExists(table);
  }
}
