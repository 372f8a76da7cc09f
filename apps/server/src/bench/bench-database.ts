import { existsSync, rmSync } from 'node:fs';
import knex from 'knex';
import { connectDatabase, type Database, engineOf } from '../db/connection';
import { migrateLatest } from '../db/migrate';
import type { ConversationsBenchSize } from './bench-settings';

/**
 * Where the contacts bench of `contacts` contacts lives: `BENCH_DATABASE_URL`, or beside the database `DATABASE_URL`
 * names, in a database of its own per size (`inquirly_bench_1000000` on the same PostgreSQL server,
 * `data/inquirly-bench-1000000.sqlite3` for SQLite), so that seeding never touches anyone's data and a smaller trial
 * run does not throw away the large seeding.
 */
export function benchDatabaseUrl(contacts: number, env: NodeJS.ProcessEnv = process.env): string {
  return env.BENCH_DATABASE_URL || besideDatabase(`bench-${contacts}`, env);
}

/**
 * Where the conversations bench of a size lives: `BENCH_CONVERSATIONS_DATABASE_URL`, or a database of its own per size
 * beside the one `DATABASE_URL` names, as for contacts (`inquirly_bench_conversations_100000_2000000`,
 * `data/inquirly-bench-conversations-100000-2000000.sqlite3`).
 */
export function conversationsBenchDatabaseUrl(
  { conversations, messages }: ConversationsBenchSize,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return (
    env.BENCH_CONVERSATIONS_DATABASE_URL || besideDatabase(`bench-conversations-${conversations}-${messages}`, env)
  );
}

/** Where the delivery bench runs, emptied at each run: beside the database `DATABASE_URL` names, as the others. */
export function deliveriesBenchDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return besideDatabase('bench-deliveries', env);
}

/** A database named `inquirly-<name>`: on the PostgreSQL server `DATABASE_URL` names (with underscores), or SQLite. */
function besideDatabase(name: string, env: NodeJS.ProcessEnv): string {
  const base = env.DATABASE_URL;
  if (base && engineOf(base) === 'postgres') {
    const url = new URL(base);
    url.pathname = `/inquirly_${name.replace(/-/g, '_')}`;
    return url.toString();
  }
  return `sqlite:data/inquirly-${name}.sqlite3`;
}

// Reseeding drops the whole database; a name without "bench" in it is more likely someone's data than a bench.
function assertDisposable(name: string): void {
  if (!name.includes('bench')) throw new Error(`refusing to drop "${name}": a bench database's name contains "bench"`);
}

async function preparePostgres(url: string, fresh: boolean): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = knex({ client: 'pg', connection: maintenance.toString(), pool: { min: 0, max: 1 } });
  try {
    if (fresh) {
      assertDisposable(name);
      await admin.raw('drop database if exists ?? with (force)', [name]);
    }
    const existing = await admin<{ datname: string }>('pg_database').select('datname').where({ datname: name }).first();
    if (!existing) await admin.raw('create database ??', [name]);
  } finally {
    await admin.destroy();
  }
}

function prepareSqlite(url: string, fresh: boolean): void {
  const file = url.slice('sqlite:'.length);
  if (!fresh || !existsSync(file)) return;
  assertDisposable(file);
  for (const extension of ['', '-wal', '-shm']) rmSync(`${file}${extension}`, { force: true });
}

/** Opens the bench database at `url`, emptied first when `fresh`, created when missing, and migrated. */
export async function openBenchDatabase(url: string, { fresh }: { fresh: boolean }): Promise<Database> {
  if (engineOf(url) === 'postgres') await preparePostgres(url, fresh);
  else prepareSqlite(url, fresh);
  const db = connectDatabase(url);
  await migrateLatest(db);
  return db;
}
