import type { Knex } from 'knex';

const isPostgres = (db: Knex) => db.client.config.client === 'pg';

/**
 * A contact's conversations and an assignee's are few enough to be sorted when listed, so their indexes no longer
 * hold the activity time: every new message moves its conversation's activity, and each index holding it takes a
 * write of two pages (where the entry was, where it goes) in the message's commit.
 */
export async function up(db: Knex): Promise<void> {
  await db.raw('drop index conversations_assignee_recent');
  await db.raw('drop index conversations_contact_recent');
  await db.raw('create index conversations_assignee_status on conversations (assignee_id, status)');
  await db.raw('create index conversations_contact on conversations (contact_id)');
}

export async function down(db: Knex): Promise<void> {
  const recent = isPostgres(db) ? 'last_activity_at desc, id desc' : 'last_activity_at, id';
  await db.raw('drop index conversations_assignee_status');
  await db.raw('drop index conversations_contact');
  await db.raw(`create index conversations_assignee_recent on conversations (assignee_id, status, ${recent})`);
  await db.raw(`create index conversations_contact_recent on conversations (contact_id, ${recent})`);
}
