import type { Knex } from 'knex';

const isPostgres = (db: Knex) => db.client.config.client === 'pg';

export async function up(db: Knex): Promise<void> {
  // The last display id handed out in each account. Creating a conversation bumps its account's row in the same
  // transaction, so concurrent creations take turns on that row and never share a number; rolled-back ones leave gaps.
  await db.schema.createTable('conversation_display_ids', (table) => {
    table.integer('account_id').primary().references('accounts.id').onDelete('CASCADE');
    table.integer('last_value').notNullable();
  });

  await db.schema.createTable('conversations', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.integer('inbox_id').notNullable().references('inboxes.id').onDelete('CASCADE');
    table.integer('contact_id').notNullable().references('contacts.id').onDelete('CASCADE');
    table.integer('contact_inbox_id').references('contact_inboxes.id').onDelete('SET NULL');
    // The number agents and URLs know a conversation by, unique in its account.
    table.integer('display_id').notNullable();
    table.string('uuid', 36).notNullable().unique();
    table.string('status').notNullable().defaultTo('open');
    table.string('priority');
    table.integer('assignee_id').references('users.id').onDelete('SET NULL');
    table.integer('assignee_agent_bot_id').references('agent_bots.id').onDelete('SET NULL');
    table.integer('team_id').references('teams.id').onDelete('SET NULL');
    table.integer('campaign_id');
    table.bigInteger('snoozed_until');
    table.bigInteger('waiting_since');
    table.bigInteger('first_reply_created_at');
    table.bigInteger('agent_last_seen_at');
    table.bigInteger('assignee_last_seen_at');
    table.bigInteger('contact_last_seen_at');
    table.bigInteger('last_activity_at').notNullable();
    // The newest message of any kind, and the newest that is not an activity: what every list shows of a
    // conversation, kept here so that a page of 25 conversations reads them by id.
    table.integer('last_message_id');
    table.integer('last_non_activity_message_id');
    table.jsonb('additional_attributes').notNullable();
    table.jsonb('custom_attributes').notNullable();
    table.bigInteger('created_at').notNullable();
    // Milliseconds: the conversation's JSON gives its update time as fractional seconds.
    table.bigInteger('updated_at').notNullable();
    table.unique(['account_id', 'display_id']);
    table.index(['contact_inbox_id', 'id']);
  });

  // The desk's lists: one status of an account (or of an inbox, an assignee, a team, a contact), or every status of an
  // account, most recently active first. The account indexes also hold what the lists filter and sort by, so that a
  // page is found in them alone, sorted there when another order is asked for, and only its own rows are read; the
  // counts index holds what the four counts read and the filters most used, so that they are counted from it alone;
  // it holds no time, so that a new message, which moves the activity time, leaves it as it is.
  const recent = isPostgres(db) ? 'last_activity_at desc, id desc' : 'last_activity_at, id';
  const listed = 'inbox_id, assignee_id, assignee_agent_bot_id, team_id, priority, waiting_since, created_at';
  await db.raw(`create index conversations_account_recent on conversations (account_id, status, ${recent}, ${listed})`);
  await db.raw(`create index conversations_account_activity on conversations (account_id, ${recent}, ${listed})`);
  // The lists in the order of creation: an index that new messages leave as it is.
  await db.raw('create index conversations_account_created on conversations (account_id, created_at, id, status)');
  await db.raw(
    `create index conversations_counts on conversations (account_id, status, inbox_id, assignee_id, assignee_agent_bot_id, team_id, priority)`,
  );
  await db.raw(`create index conversations_inbox_recent on conversations (inbox_id, status, ${recent})`);
  await db.raw(`create index conversations_assignee_recent on conversations (assignee_id, status, ${recent})`);
  await db.raw(`create index conversations_team_recent on conversations (team_id, status, ${recent})`);
  await db.raw(`create index conversations_contact_recent on conversations (contact_id, ${recent})`);
  // Snoozed conversations waiting for their time, for the sweep that reopens them.
  await db.raw(
    "create index conversations_snoozed_until on conversations (snoozed_until) where status = 'snoozed' and snoozed_until is not null",
  );

  await db.schema.createTable('conversation_labels', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.integer('conversation_id').notNullable().references('conversations.id').onDelete('CASCADE');
    // Lower-cased and trimmed.
    table.string('label').notNullable();
    table.bigInteger('created_at').notNullable();
    table.unique(['conversation_id', 'label']);
    table.index(['account_id', 'label', 'conversation_id']);
  });

  await db.schema.createTable('messages', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.integer('inbox_id').notNullable().references('inboxes.id').onDelete('CASCADE');
    table.integer('conversation_id').notNullable().references('conversations.id').onDelete('CASCADE');
    table.string('message_type').notNullable();
    table.string('content_type').notNullable().defaultTo('text');
    table.text('content');
    table.boolean('private').notNullable().defaultTo(false);
    table.string('status').notNullable().defaultTo('sent');
    table.string('source_id');
    // 'User', 'Contact' or 'AgentBot'; none for activity messages and the system's own.
    table.string('sender_type');
    table.integer('sender_id');
    table.jsonb('content_attributes').notNullable();
    table.jsonb('additional_attributes').notNullable();
    table.jsonb('external_source_ids').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    // Message pages walk one conversation by id; unread counts and the flood guard read its recent incoming messages.
    table.index(['conversation_id', 'id']);
    table.index(['conversation_id', 'message_type', 'created_at']);
  });

  // `q` finds conversations by the text of their messages: a trigram index on PostgreSQL, a trigram full-text table
  // kept in step by triggers on SQLite (as for contacts).
  if (isPostgres(db)) {
    await db.raw('create extension if not exists pg_trgm');
    await db.raw('create index messages_content_trigrams on messages using gin (content gin_trgm_ops)');
  } else {
    await db.raw(
      "create virtual table message_search using fts5(content, content='messages', content_rowid='id', tokenize='trigram case_sensitive 0')",
    );
    await db.raw(`create trigger messages_search_insert after insert on messages begin
      insert into message_search (rowid, content) values (new.id, new.content);
    end`);
    await db.raw(`create trigger messages_search_delete after delete on messages begin
      insert into message_search (message_search, rowid, content) values ('delete', old.id, old.content);
    end`);
    await db.raw(`create trigger messages_search_update after update of content on messages begin
      insert into message_search (message_search, rowid, content) values ('delete', old.id, old.content);
      insert into message_search (rowid, content) values (new.id, new.content);
    end`);
  }

  await db.schema.createTable('attachments', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.integer('message_id').notNullable().references('messages.id').onDelete('CASCADE');
    table.string('file_type').notNullable();
    // Where the storage keeps the file: random, so that it cannot be guessed.
    table.string('storage_key').notNullable().unique();
    table.string('file_name').notNullable();
    table.string('content_type').notNullable();
    table.string('extension');
    table.bigInteger('file_size').notNullable();
    table.integer('width');
    table.integer('height');
    table.bigInteger('created_at').notNullable();
    table.index(['message_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('attachments');
  if (!isPostgres(db)) {
    for (const trigger of ['messages_search_insert', 'messages_search_delete', 'messages_search_update']) {
      await db.raw(`drop trigger if exists ${trigger}`);
    }
    await db.raw('drop table if exists message_search');
  }
  await db.schema.dropTableIfExists('messages');
  await db.schema.dropTableIfExists('conversation_labels');
  await db.schema.dropTableIfExists('conversations');
  await db.schema.dropTableIfExists('conversation_display_ids');
}
