import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('teams', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.string('name').notNullable();
    // Lower-cased name: team names are unique per account regardless of case.
    table.string('name_key').notNullable();
    table.text('description');
    table.boolean('allow_auto_assign').notNullable().defaultTo(true);
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.unique(['account_id', 'name_key']);
  });

  await db.schema.createTable('team_members', (table) => {
    table.increments('id');
    table.integer('team_id').notNullable().references('teams.id').onDelete('CASCADE');
    table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    table.bigInteger('created_at').notNullable();
    table.unique(['team_id', 'user_id']);
    table.index(['user_id']);
  });

  await db.schema.createTable('inboxes', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.string('name').notNullable();
    table.string('channel_type').notNullable();
    table.boolean('enable_auto_assignment').notNullable().defaultTo(true);
    table.jsonb('auto_assignment_config').notNullable();
    table.boolean('greeting_enabled').notNullable().defaultTo(false);
    table.text('greeting_message');
    table.boolean('enable_email_collect').notNullable().defaultTo(true);
    table.boolean('csat_survey_enabled').notNullable().defaultTo(false);
    table.boolean('working_hours_enabled').notNullable().defaultTo(false);
    table.text('out_of_office_message');
    table.string('timezone').notNullable().defaultTo('UTC');
    table.boolean('allow_messages_after_resolved').notNullable().defaultTo(true);
    table.boolean('lock_to_single_conversation').notNullable().defaultTo(false);
    table.string('sender_name_type').notNullable().defaultTo('friendly');
    table.string('business_name');
    // One entry per day of the week, Sunday first: {day_of_week, open_all_day, closed_all_day, open_hour, ...}.
    table.jsonb('working_hours').notNullable();
    // Public identifiers of the channel, unique across accounts: the client API and the widget find inboxes by them.
    table.string('inbox_identifier').unique();
    table.string('website_token').unique();
    table.string('email_address').unique();
    table.string('hmac_token');
    // The other channel-specific settings (webhook URL, widget colour, email server settings, ...).
    table.jsonb('channel_settings').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['account_id']);
  });

  await db.schema.createTable('inbox_members', (table) => {
    table.increments('id');
    table.integer('inbox_id').notNullable().references('inboxes.id').onDelete('CASCADE');
    table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    table.bigInteger('created_at').notNullable();
    table.unique(['inbox_id', 'user_id']);
    table.index(['user_id']);
  });

  await db.schema.createTable('agent_bot_inboxes', (table) => {
    table.increments('id');
    table.integer('inbox_id').notNullable().unique().references('inboxes.id').onDelete('CASCADE');
    table.integer('agent_bot_id').notNullable().references('agent_bots.id').onDelete('CASCADE');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.bigInteger('created_at').notNullable();
    table.index(['agent_bot_id']);
    table.index(['account_id']);
  });

  await db.schema.createTable('canned_responses', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.string('short_code').notNullable();
    table.text('content').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.unique(['account_id', 'short_code']);
  });

  await db.schema.createTable('custom_attribute_definitions', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.string('attribute_model').notNullable();
    table.string('attribute_key').notNullable();
    table.string('attribute_display_name').notNullable();
    table.string('attribute_display_type').notNullable();
    table.text('attribute_description');
    table.jsonb('attribute_values').notNullable();
    table.text('default_value');
    table.string('regex_pattern');
    table.string('regex_cue');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.unique(['account_id', 'attribute_model', 'attribute_key']);
  });

  await db.schema.createTable('custom_filters', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    table.string('name').notNullable();
    table.string('filter_type').notNullable();
    table.jsonb('query').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['account_id', 'user_id', 'filter_type']);
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of [
    'custom_filters',
    'custom_attribute_definitions',
    'canned_responses',
    'agent_bot_inboxes',
    'inbox_members',
    'inboxes',
    'team_members',
    'teams',
  ]) {
    await db.schema.dropTableIfExists(table);
  }
}
