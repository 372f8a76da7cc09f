import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { committedReadsOf } from './committed-reads';
import { connectDatabase, type Database } from './connection';

let temporaryFolder: string;
let db: Database;

beforeEach(async () => {
  temporaryFolder = mkdtempSync(path.join(os.tmpdir(), 'inquirly-committed-reads-'));
  db = connectDatabase(`sqlite:${path.join(temporaryFolder, 'reads.sqlite3')}`);
  await db.schema.createTable('versions', (table) => {
    table.integer('id').primary();
    table.integer('version').notNullable();
  });
  await db('versions').insert({ id: 1, version: 7 });
});

afterEach(async () => {
  await db.destroy();
  rmSync(temporaryFolder, { recursive: true, force: true });
});

const versionSql = 'select version from versions where id = ?';

test('an SQLite file answers committed reads while a transaction holds its connection, without its writes', async () => {
  const reads = committedReadsOf(db);
  if (!reads) throw new Error('an SQLite file database has committed reads');
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let written: () => void = () => undefined;
  const wrote = new Promise<void>((resolve) => {
    written = resolve;
  });
  const transaction = db.transaction(async (trx) => {
    await trx('versions').where({ id: 1 }).update({ version: 8 });
    written();
    await held;
  });
  await wrote;
  expect(reads.first(versionSql, 1)).toEqual({ version: 7 });
  release();
  await transaction;
  expect(reads.first(versionSql, 1)).toEqual({ version: 8 });
  expect(reads.first(versionSql, 2)).toBeUndefined();
});

test('committed reads refuse to write', () => {
  const reads = committedReadsOf(db);
  expect(() => reads?.first('update versions set version = 9 where id = 1 returning version')).toThrow(
    /readonly|read-only|query_only/i,
  );
});

test('in-memory and PostgreSQL databases have no committed reads of their own', async () => {
  const memory = connectDatabase('sqlite::memory:');
  const postgres = connectDatabase('postgres://postgres@127.0.0.1:1/none');
  try {
    expect(committedReadsOf(memory)).toBeUndefined();
    expect(committedReadsOf(postgres)).toBeUndefined();
  } finally {
    await memory.destroy();
    await postgres.destroy();
  }
});

test('the data version moves with each commit of another connection, and only then', async () => {
  const reads = committedReadsOf(db);
  if (!reads) throw new Error('an SQLite file database has committed reads');
  const before = reads.dataVersion();
  expect(reads.dataVersion()).toBe(before);
  await db('versions').select('version');
  expect(reads.dataVersion()).toBe(before);
  await db('versions').where({ id: 1 }).update({ version: 8 });
  const after = reads.dataVersion();
  expect(after).not.toBe(before);
  expect(reads.dataVersion()).toBe(after);
});
