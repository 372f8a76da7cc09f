import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
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

/**
 * A fresh, migrated database of the engine `DATABASE_URL` selects: a new PostgreSQL database beside the one named
 * there, or a new SQLite file in the temp folder. Each test file gets its own, so files run in parallel.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;

  if (baseUrl && engineOf(baseUrl) === 'postgres') {
    const name = `inquirly_test_${suffix}`;
    const admin = knex({ client: 'pg', connection: baseUrl, pool: { min: 0, max: 1 } });
    await admin.raw('create database ??', [name]);
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    const db = connectDatabase(url.toString());
    await migrateLatest(db);
    return {
      db,
      url: url.toString(),
      drop: async () => {
        await db.destroy();
        await admin.raw('drop database if exists ?? with (force)', [name]);
        await admin.destroy();
      },
    };
  }

  const file = path.join(os.tmpdir(), `inquirly-test-${suffix}.sqlite3`);
  const url = `sqlite:${file}`;
  const db = connectDatabase(url);
  await migrateLatest(db);
  return {
    db,
    url,
    drop: async () => {
      await db.destroy();
      for (const extension of ['', '-wal', '-shm']) rmSync(`${file}${extension}`, { force: true });
    },
  };
}
