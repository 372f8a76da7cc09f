import type { Database } from '../db/connection';
import { countedTallies, storedTallies } from '../testing/conversation-tallies';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { findSeededConversationsAccount, seedConversationsAccount } from './seed-conversations';

const size = { conversations: 300, messages: 6_000 };
const now = 1_780_000_000;

const isPostgres = (db: Database) => db.client.config.client === 'pg';

/** Every index, trigger and foreign key of the database, as the engine keeps their definitions. */
async function schemaObjects(db: Database): Promise<string[]> {
  if (isPostgres(db)) {
    const indexes = await db.raw<{ rows: Array<{ name: string; sql: string }> }>(
      'select indexname as name, indexdef as sql from pg_indexes where schemaname = current_schema()',
    );
    const constraints = await db.raw<{ rows: Array<{ name: string; sql: string }> }>(
      `select conname as name, conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) as sql
       from pg_constraint where connamespace = current_schema()::regnamespace`,
    );
    const triggers = await db.raw<{ rows: Array<{ name: string; sql: string }> }>(
      'select tgname as name, pg_get_triggerdef(oid) as sql from pg_trigger where not tgisinternal',
    );
    return [...indexes.rows, ...constraints.rows, ...triggers.rows].map(({ name, sql }) => `${name}: ${sql}`).sort();
  }
  const rows = await db.raw<Array<{ type: string; name: string; sql: string | null }>>(
    "select type, name, sql from sqlite_master where type in ('index', 'trigger')",
  );
  return rows.map(({ type, name, sql }) => `${type} ${name}: ${sql}`).sort();
}

/** The number of rows a query returns, as a number on both engines. */
async function countOf(db: Database, sql: string, bindings: readonly unknown[] = []): Promise<number> {
  const result = await db.raw<{ rows: Array<{ count: number }> } | Array<{ count: number }>>(
    `select count(*) as count from (${sql}) as selected`,
    bindings as never,
  );
  return Number((Array.isArray(result) ? result : result.rows)[0]!.count);
}

describe('seeding the conversations bench account', () => {
  let database: TestDatabase;
  let db: Database;
  let schemaBefore: string[];
  let account: Awaited<ReturnType<typeof seedConversationsAccount>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    schemaBefore = await schemaObjects(db);
    account = await seedConversationsAccount(db, { size, now, showProgress: false });
  }, 60_000);

  afterAll(async () => {
    await database.drop();
  });

  it('leaves every index, trigger and foreign key as the migrations made them', async () => {
    expect(await schemaObjects(db)).toEqual(schemaBefore);
  });

  it('tallies the loaded conversations and their labels as they are', async () => {
    const tallies = await storedTallies(db);
    expect(tallies.some((tally) => tally.includes('label "billing"'))).toBe(true);
    expect(tallies).toEqual(await countedTallies(db));
  });

  it('numbers the conversations 1 to N and sets the account counter to N', async () => {
    const row = await db('conversations')
      .where({ account_id: account.accountId })
      .select(db.raw('count(*) as count, count(distinct display_id) as distinct_ids'))
      .min('display_id', { as: 'first' })
      .max('display_id', { as: 'last' })
      .first();
    expect(row).toMatchObject({ count: 300, distinct_ids: 300, first: 1, last: 300 });
    const counter = await db('conversation_display_ids').where({ account_id: account.accountId }).first();
    expect(counter?.last_value).toBe(300);
    expect(await countOf(db, 'select id from messages where account_id = ?', [account.accountId])).toBe(6_000);
  });

  it('keeps each conversation’s denormalised columns in step with its messages', async () => {
    const ofConversation = 'from messages m where m.conversation_id = c.id';
    const inconsistent = await countOf(
      db,
      `select c.id from conversations c where
         c.last_message_id <> (select max(m.id) ${ofConversation})
         or c.last_non_activity_message_id <> (select max(m.id) ${ofConversation} and m.message_type <> 'activity')
         or c.last_activity_at <> (select max(m.created_at) ${ofConversation})
         or c.created_at <> (select min(m.created_at) ${ofConversation})
         or coalesce(c.first_reply_created_at, -1) <> coalesce((select min(m.created_at) ${ofConversation}
              and m.message_type = 'outgoing' and not m.private and m.sender_type = 'User'), -1)
         or c.updated_at < c.last_activity_at * 1000 or c.updated_at >= (c.last_activity_at + 1) * 1000
         or (c.status = 'resolved' and c.waiting_since is not null)
         or c.waiting_since < c.created_at or c.waiting_since > c.last_activity_at
         or c.agent_last_seen_at > ? or c.contact_last_seen_at > ?
         or (c.assignee_id is null and c.assignee_last_seen_at is not null)`,
      [now, now],
    );
    expect(inconsistent).toBe(0);
    const outOfOrder = await countOf(
      db,
      `select a.id from messages a join messages b on b.conversation_id = a.conversation_id and b.id > a.id
       where b.created_at <= a.created_at`,
    );
    expect(outOfOrder).toBe(0);
  });

  it('gives conversations assignees from their inbox, bots only where one answers, and up to three labels', async () => {
    expect(
      await countOf(
        db,
        `select c.id from conversations c where c.assignee_id is not null and not exists
           (select 1 from inbox_members im where im.inbox_id = c.inbox_id and im.user_id = c.assignee_id)`,
      ),
    ).toBe(0);
    expect(
      await countOf(
        db,
        `select c.id from conversations c where c.assignee_agent_bot_id is not null and (c.assignee_id is not null
           or not exists (select 1 from agent_bot_inboxes b where b.inbox_id = c.inbox_id
             and b.agent_bot_id = c.assignee_agent_bot_id))`,
      ),
    ).toBe(0);
    expect(
      await countOf(
        db,
        `select c.id from conversations c join contact_inboxes ci on ci.id = c.contact_inbox_id
         where ci.contact_id <> c.contact_id or ci.inbox_id <> c.inbox_id`,
      ),
    ).toBe(0);
    expect(
      await countOf(db, 'select conversation_id from conversation_labels group by conversation_id having count(*) > 3'),
    ).toBe(0);
    expect(await countOf(db, 'select id from conversations where assignee_agent_bot_id is not null')).toBeGreaterThan(
      0,
    );
    expect(await countOf(db, "select id from conversations where status <> 'resolved'")).toBeGreaterThan(0);
  });

  it('writes JSON columns as JSON objects', async () => {
    const notObjects = isPostgres(db)
      ? `select id from conversations where jsonb_typeof(additional_attributes) <> 'object'
           or jsonb_typeof(custom_attributes) <> 'object'
         union all select id from messages where jsonb_typeof(content_attributes) <> 'object'`
      : `select id from conversations where typeof(additional_attributes) <> 'text'
           or json_type(additional_attributes) <> 'object' or json_type(custom_attributes) <> 'object'
         union all select id from messages where json_type(content_attributes) <> 'object'`;
    expect(await countOf(db, notObjects)).toBe(0);
  });

  it('finds messages by their text once loaded, and new ones as they come', async () => {
    const search = isPostgres(db)
      ? "select id from messages where content ilike '%refund%'"
      : `select rowid from message_search where message_search match '"refund"'`;
    const expected = await countOf(db, "select id from messages where lower(content) like '%refund%'");
    expect(expected).toBeGreaterThan(0);
    expect(await countOf(db, search)).toBe(expected);

    const conversation = await db('conversations').where({ account_id: account.accountId }).first();
    // The sequences continue after the ids the load wrote.
    const [inserted] = await db('messages')
      .insert({
        account_id: account.accountId,
        inbox_id: conversation!.inbox_id,
        conversation_id: conversation!.id,
        message_type: 'outgoing',
        content: 'A refund for the broken kettle',
        content_attributes: '{}' as never,
        additional_attributes: '{}' as never,
        external_source_ids: '{}' as never,
        created_at: now,
        updated_at: now,
      })
      .returning('id');
    expect(inserted?.id).toBeGreaterThan(6_000);
    expect(await countOf(db, search)).toBe(expected + 1);
    await db('messages').where({ id: inserted!.id }).delete();
  });

  it('is found seeded at its size only', async () => {
    expect(await findSeededConversationsAccount(db, size)).toEqual(account);
    expect(await findSeededConversationsAccount(db, { ...size, messages: 6_001 })).toBeUndefined();
  });
});
