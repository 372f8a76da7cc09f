import type { Knex } from 'knex';

const isPostgres = (db: Knex) => db.client.config.client === 'pg';

/**
 * The tables of an account's directory (its inboxes and their members, its teams and their members), which processes
 * keep in memory beside callers (see account-directory.ts): a change to them moves the caller stamp, in the same
 * transaction, as a change to a caller table does (migration 0005-caller-stamp).
 */
const directoryTables = ['inboxes', 'inbox_members', 'teams', 'team_members'] as const;
const operations = ['insert', 'update', 'delete'] as const;

export async function up(db: Knex): Promise<void> {
  if (isPostgres(db)) {
    for (const table of directoryTables) {
      await db.raw(`create constraint trigger ${table}_bump_caller_stamp
        after insert or update or delete on ${table}
        deferrable initially deferred
        for each row execute function bump_caller_stamp()`);
    }
    return;
  }
  for (const table of directoryTables) {
    for (const operation of operations) {
      await db.raw(`create trigger ${table}_${operation}_bump_caller_stamp after ${operation} on ${table}
        begin
          update caller_stamp set version = version + 1 where id = 1;
        end`);
    }
  }
}

export async function down(db: Knex): Promise<void> {
  for (const table of directoryTables) {
    if (isPostgres(db)) await db.raw(`drop trigger if exists ${table}_bump_caller_stamp on ${table}`);
    else {
      for (const operation of operations)
        await db.raw(`drop trigger if exists ${table}_${operation}_bump_caller_stamp`);
    }
  }
}
