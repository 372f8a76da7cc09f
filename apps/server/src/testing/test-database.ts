import { randomBytes } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import { connectDatabase, type Database, engineOf } from '../db/connection';
import { migrateLatest } from '../db/migrate';

export interface TestDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

/** Names the migrated database that the jest global setup leaves for test databases to copy. */
export const templateDatabaseVariable = 'INQUIRLY_TEST_TEMPLATE_URL';

const postgresDatabaseUrl = (): string | undefined => {
  const url = process.env.DATABASE_URL;
  return url && engineOf(url) === 'postgres' ? url : undefined;
};

function uniqueSuffix(): string {
  return `${process.pid}_${randomBytes(4).toString('hex')}`;
}

function sqliteFileOf(url: string): string {
  return url.slice('sqlite:'.length);
}

function removeSqliteFile(file: string): void {
  for (const extension of ['', '-wal', '-shm']) rmSync(`${file}${extension}`, { force: true });
}

/** Runs one statement on the server of `baseUrl` through a connection of its own, closed right after. */
async function onPostgresServer(baseUrl: string, statement: string, bindings: string[]): Promise<void> {
  const admin = knex({ client: 'pg', connection: baseUrl, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(statement, bindings);
  } finally {
    await admin.destroy();
  }
}

function postgresUrlOf(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function databaseNameOf(url: string): string {
  return new URL(url).pathname.slice(1);
}

/** The template of this run, if the global setup made one for the engine `DATABASE_URL` selects. */
function templateUrl(): string | undefined {
  const template = process.env[templateDatabaseVariable];
  const engine = postgresDatabaseUrl() ? 'postgres' : 'sqlite';
  return template && engineOf(template) === engine ? template : undefined;
}

/**
 * A migrated database for the engine `DATABASE_URL` selects, that test databases copy instead of running every
 * migration again: a PostgreSQL database beside the one named there, or an SQLite file in the temp folder.
 */
export async function createTemplateDatabase(): Promise<string> {
  const suffix = uniqueSuffix();
  const postgresUrl = postgresDatabaseUrl();
  let url: string;
  if (postgresUrl) {
    const name = `inquirly_template_${suffix}`;
    await onPostgresServer(postgresUrl, 'create database ??', [name]);
    url = postgresUrlOf(postgresUrl, name);
  } else {
    url = `sqlite:${path.join(os.tmpdir(), `inquirly-template-${suffix}.sqlite3`)}`;
  }
  const db = connectDatabase(url);
  try {
    await migrateLatest(db);
  } finally {
    // PostgreSQL copies only a database without connections; closing the last SQLite connection folds the
    // write-ahead log into the file, so that the file alone is the whole database.
    await db.destroy();
  }
  return url;
}

/** Drops a database made by `createTemplateDatabase`. */
export async function dropTemplateDatabase(url: string): Promise<void> {
  const postgresUrl = postgresDatabaseUrl();
  if (engineOf(url) === 'postgres' && postgresUrl) {
    await onPostgresServer(postgresUrl, 'drop database if exists ?? with (force)', [databaseNameOf(url)]);
  } else if (engineOf(url) === 'sqlite') {
    removeSqliteFile(sqliteFileOf(url));
  }
}

/**
 * A fresh, migrated database of the engine `DATABASE_URL` selects: a new PostgreSQL database beside the one named
 * there, or a new SQLite file in the temp folder. Each test file gets its own, so files run in parallel. It is a copy
 * of the template the jest global setup migrated, or, without one, migrated on the spot.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const suffix = uniqueSuffix();
  const template = templateUrl();
  const postgresUrl = postgresDatabaseUrl();

  if (postgresUrl) {
    const name = `inquirly_test_${suffix}`;
    if (template) {
      await onPostgresServer(postgresUrl, 'create database ?? template ??', [name, databaseNameOf(template)]);
    } else {
      await onPostgresServer(postgresUrl, 'create database ??', [name]);
    }
    const url = postgresUrlOf(postgresUrl, name);
    const db = connectDatabase(url);
    if (!template) await migrateLatest(db);
    return {
      db,
      url,
      drop: async () => {
        await db.destroy();
        await onPostgresServer(postgresUrl, 'drop database if exists ?? with (force)', [name]);
      },
    };
  }

  const file = path.join(os.tmpdir(), `inquirly-test-${suffix}.sqlite3`);
  if (template) copyFileSync(sqliteFileOf(template), file);
  const url = `sqlite:${file}`;
  const db = connectDatabase(url);
  if (!template) await migrateLatest(db);
  return {
    db,
    url,
    drop: async () => {
      await db.destroy();
      removeSqliteFile(file);
    },
  };
}
