import type { Knex } from 'knex';

const isPostgres = (db: Knex) => db.client.config.client === 'pg';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('contacts', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.string('name').notNullable().defaultTo('');
    // Stored lower-cased, so that equality and uniqueness ignore case through a plain index.
    table.string('email');
    table.string('phone_number');
    table.string('identifier');
    table.boolean('blocked').notNullable().defaultTo(false);
    table.text('avatar_url');
    table.jsonb('additional_attributes').notNullable();
    table.jsonb('custom_attributes').notNullable();
    table.bigInteger('last_activity_at');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.unique(['account_id', 'email']);
    table.unique(['account_id', 'phone_number']);
    table.unique(['account_id', 'identifier']);
    table.index(['account_id', 'created_at']);
  });

  // The country code, lower-cased, as a column of its own: an index on it can answer a filter's count without reading
  // the rows, where an index on the JSON expression cannot on PostgreSQL.
  await db.raw(
    isPostgres(db)
      ? `alter table contacts add column country_code text
           generated always as (lower(additional_attributes ->> 'country_code')) stored`
      : `alter table contacts add column country_code text
           generated always as (lower(additional_attributes ->> '$.country_code')) virtual`,
  );

  // The contact list shows identified contacts only and counts them all: this partial index answers the count
  // without reading the rows.
  await db.raw(
    `create index contacts_identified on contacts (account_id)
       where email is not null or phone_number is not null or identifier is not null`,
  );

  // Serve the default order of every contact list (most recently active first), name equality and order, and the
  // filters on the country with or without activity dates. The activity index also holds the searched columns, so
  // that a search reads the most recent contacts from it alone.
  if (isPostgres(db)) {
    await db.raw(
      `create index contacts_recent_activity on contacts (account_id, last_activity_at desc nulls last, id desc)
         include (name, email, phone_number, identifier)`,
    );
    await db.raw('create index contacts_name_key on contacts (account_id, lower(name), id)');
    await db.raw(
      `create index contacts_country_activity on contacts
         (account_id, country_code, last_activity_at desc nulls last, id desc)`,
    );
    // Substring search (`ilike '%q%'`) and the filters' `contains` go through trigram indexes.
    await db.raw('create extension if not exists pg_trgm');
    for (const column of ['name', 'email', 'phone_number', 'identifier']) {
      await db.raw(`create index contacts_${column}_trigrams on contacts using gin (${column} gin_trgm_ops)`);
    }
  } else {
    await db.raw(
      `create index contacts_recent_activity
         on contacts (account_id, last_activity_at, id, name, email, phone_number, identifier)`,
    );
    await db.raw('create index contacts_name_key on contacts (account_id, lower(name), id)');
    await db.raw('create index contacts_country_activity on contacts (account_id, country_code, last_activity_at)');
    // Substring search goes through a trigram full-text index that triggers keep in step with the table.
    await db.raw(
      `create virtual table contact_search using fts5(name, email, phone_number, identifier,
         content='contacts', content_rowid='id', tokenize='trigram case_sensitive 0')`,
    );
    const columns = 'name, email, phone_number, identifier';
    const values = (row: 'new' | 'old') =>
      `${row}.id, ${row}.name, ${row}.email, ${row}.phone_number, ${row}.identifier`;
    await db.raw(`create trigger contacts_search_insert after insert on contacts begin
      insert into contact_search (rowid, ${columns}) values (${values('new')});
    end`);
    await db.raw(`create trigger contacts_search_delete after delete on contacts begin
      insert into contact_search (contact_search, rowid, ${columns}) values ('delete', ${values('old')});
    end`);
    await db.raw(`create trigger contacts_search_update after update of ${columns} on contacts begin
      insert into contact_search (contact_search, rowid, ${columns}) values ('delete', ${values('old')});
      insert into contact_search (rowid, ${columns}) values (${values('new')});
    end`);
  }

  await db.schema.createTable('contact_inboxes', (table) => {
    table.increments('id');
    table.integer('contact_id').notNullable().references('contacts.id').onDelete('CASCADE');
    table.integer('inbox_id').notNullable().references('inboxes.id').onDelete('CASCADE');
    table.string('source_id').notNullable();
    table.boolean('hmac_verified').notNullable().defaultTo(false);
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.unique(['inbox_id', 'source_id']);
    table.index(['contact_id', 'inbox_id']);
  });

  await db.schema.createTable('contact_labels', (table) => {
    table.increments('id');
    table.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    table.integer('contact_id').notNullable().references('contacts.id').onDelete('CASCADE');
    // Lower-cased and trimmed.
    table.string('label').notNullable();
    table.bigInteger('created_at').notNullable();
    table.unique(['contact_id', 'label']);
    table.index(['account_id', 'label', 'contact_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('contact_labels');
  await db.schema.dropTableIfExists('contact_inboxes');
  if (!isPostgres(db)) {
    for (const trigger of ['contacts_search_insert', 'contacts_search_delete', 'contacts_search_update']) {
      await db.raw(`drop trigger if exists ${trigger}`);
    }
    await db.raw('drop table if exists contact_search');
  }
  await db.schema.dropTableIfExists('contacts');
}
