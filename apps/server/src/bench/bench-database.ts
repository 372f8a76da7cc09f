import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase, type Database, engineOf } from '../db/connection';
import { migrateLatest } from '../db/migrate';

export interface BenchDatabase {
  db: Database;
  engine: string;
  close(): Promise<void>;
}

/**
 * A migrated database: the one `DATABASE_URL` names when set (the seed rows stay in it), else a fresh SQLite file in
 * a temp folder that close() deletes.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const db = connectDatabase(given);
    await migrateLatest(db);
    return { db, engine: engineOf(given), close: () => db.destroy() };
  }

  const folder = await mkdtemp(path.join(os.tmpdir(), 'inquirly-bench-'));
  const db = connectDatabase(`sqlite:${path.join(folder, 'bench.sqlite3')}`);
  const close = async () => {
    await db.destroy();
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await migrateLatest(db);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, engine: 'sqlite (temp folder)', close };
}
