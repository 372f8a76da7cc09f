import type { Knex } from 'knex';

const isPostgres = (db: Knex) => db.client.config.client === 'pg';

/**
 * The tables a request's caller is read from: who a token stands for (a user, an agent bot, a platform app) and the
 * user's membership and role in each account, with the account itself.
 */
const callerTables = ['access_tokens', 'users', 'agent_bots', 'platform_apps', 'account_users', 'accounts'] as const;
const operations = ['insert', 'update', 'delete'] as const;

/**
 * One row whose version moves, in the same transaction, with every change to the caller tables, whichever code makes
 * it: processes that cache callers compare it with the version their entries were read under (see caller-cache.ts).
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('caller_stamp', (table) => {
    table.integer('id').primary();
    table.bigInteger('version').notNullable();
  });
  await db('caller_stamp').insert({ id: 1, version: 0 });

  if (isPostgres(db)) {
    await db.raw(`create function bump_caller_stamp() returns trigger language plpgsql as $$
      begin
        update caller_stamp set version = version + 1 where id = 1;
        return null;
      end
    $$`);
    for (const table of callerTables) {
      // Deferred to the commit, the stamp's row lock is the last one a transaction takes and is held only while it
      // commits: writers never wait for it while holding it, so it cannot close a deadlock.
      await db.raw(`create constraint trigger ${table}_bump_caller_stamp
        after insert or update or delete on ${table}
        deferrable initially deferred
        for each row execute function bump_caller_stamp()`);
    }
    return;
  }
  for (const table of callerTables) {
    for (const operation of operations) {
      await db.raw(`create trigger ${table}_${operation}_bump_caller_stamp after ${operation} on ${table}
        begin
          update caller_stamp set version = version + 1 where id = 1;
        end`);
    }
  }
}

export async function down(db: Knex): Promise<void> {
  if (isPostgres(db)) {
    for (const table of callerTables) await db.raw(`drop trigger if exists ${table}_bump_caller_stamp on ${table}`);
    await db.raw('drop function if exists bump_caller_stamp()');
  } else {
    for (const table of callerTables) {
      for (const operation of operations)
        await db.raw(`drop trigger if exists ${table}_${operation}_bump_caller_stamp`);
    }
  }
  await db.schema.dropTableIfExists('caller_stamp');
}
