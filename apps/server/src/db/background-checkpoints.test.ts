import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commitsPerCheckpoint } from './background-checkpoints';
import { connectDatabase, type Database } from './connection';

let temporaryFolder: string;
let file: string;
let db: Database;
beforeEach(async () => {
  temporaryFolder = mkdtempSync(path.join(os.tmpdir(), 'inquirly-checkpoints-'));
  file = path.join(temporaryFolder, 'desk.sqlite3');
  db = connectDatabase(`sqlite:${file}`);
  await db.schema.createTable('notes', (table) => {
    table.increments('id');
    table.text('body');
  });
});
afterEach(async () => {
  await db.destroy();
  rmSync(temporaryFolder, { recursive: true, force: true });
});

const databaseBytes = () => statSync(file).size;

/** Commits `count` transactions one after another, each writing a page's worth of text. */
async function commit(count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    await db.transaction((trx) => trx('notes').insert({ body: 'n'.repeat(4000) }));
  }
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5000) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('the log is folded into the database by another thread once enough commits have gathered', async () => {
  await commit(commitsPerCheckpoint - 1);
  await new Promise((resolve) => setTimeout(resolve, 200));
  // Until then the rows are in the log only: the database file holds the schema alone.
  const before = databaseBytes();
  expect(before).toBeLessThan(4000 * 10);

  await commit(1);
  await until(() => databaseBytes() > 4000 * commitsPerCheckpoint);
  expect(await db('notes').count({ rows: '*' })).toEqual([{ rows: commitsPerCheckpoint }]);
});
