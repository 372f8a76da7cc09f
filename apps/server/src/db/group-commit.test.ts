import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase, type Database } from './connection';

let temporaryFolder: string;
let db: Database;
let statements: string[];

beforeEach(async () => {
  temporaryFolder = mkdtempSync(path.join(os.tmpdir(), 'inquirly-group-commit-'));
  db = connectDatabase(`sqlite:${path.join(temporaryFolder, 'group.sqlite3')}`);
  await db.schema.createTable('parents', (table) => table.increments('id'));
  await db.schema.createTable('notes', (table) => {
    table.increments('id');
    table.text('text').notNullable().unique();
  });
  await db.raw(
    'create table children (id integer primary key, parent_id integer references parents (id) deferrable initially deferred)',
  );
  statements = [];
  db.on('query', (query: { sql: string }) => statements.push(query.sql));
});

afterEach(async () => {
  await db.destroy();
  rmSync(temporaryFolder, { recursive: true, force: true });
});

/** A promise that stays pending until `release` is called, to hold a transaction open. */
function heldOpen() {
  let release: () => void = () => undefined;
  const holding = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { holding, release };
}

const commits = () => statements.filter((sql) => /^commit/i.test(sql)).length;
const noteTexts = async () => (await db('notes').orderBy('text').pluck('text')).sort();

test('transactions that wait for the connection commit together, each answering its own result', async () => {
  const texts = Array.from({ length: 10 }, (_, index) => `note ${index}`);
  const answers = await Promise.all(
    texts.map((text) =>
      db.transaction(async (trx) => {
        const [row] = await trx('notes').insert({ text }).returning('id');
        return { text, id: row.id };
      }),
    ),
  );
  expect(answers.map((answer) => answer.text)).toEqual(texts);
  expect(new Set(answers.map((answer) => answer.id)).size).toBe(10);
  expect(await noteTexts()).toEqual([...texts].sort());
  // Asked for in the same turn of the event loop, they share one commit.
  expect(commits()).toBe(1);
});

test('a transaction that fails rolls back alone and rejects with its own error; the others commit', async () => {
  const outcomes = await Promise.allSettled([
    db.transaction((trx) => trx('notes').insert({ text: 'first' })),
    db.transaction((trx) => trx('notes').insert({ text: 'second' })),
    db.transaction(async (trx) => {
      await trx('notes').insert({ text: 'written, then undone' });
      await trx('notes').insert({ text: 'second' });
    }),
    db.transaction(async (trx) => {
      await trx('notes').insert({ text: 'third' });
      throw new Error('refused by its handler');
    }),
    db.transaction((trx) => trx('notes').insert({ text: 'fourth' })),
  ]);
  expect(outcomes.map((outcome) => outcome.status)).toEqual([
    'fulfilled',
    'fulfilled',
    'rejected',
    'rejected',
    'fulfilled',
  ]);
  expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed: notes.text/);
  expect(String((outcomes[3] as PromiseRejectedResult).reason)).toMatch(/refused by its handler/);
  expect(await noteTexts()).toEqual(['first', 'fourth', 'second']);
});

test('transactions asked for while a group runs form the next group', async () => {
  const { holding, release } = heldOpen();
  const first = db.transaction(async (trx) => {
    await trx('notes').insert({ text: 'first' });
    await holding;
  });
  await new Promise((resolve) => setImmediate(resolve));
  const later = ['second', 'third', 'fourth'].map((text) => db.transaction((trx) => trx('notes').insert({ text })));
  release();
  await Promise.all([first, ...later]);
  expect(commits()).toBe(2);
  expect(await noteTexts()).toEqual(['first', 'fourth', 'second', 'third']);
});

test('a commit that fails fails every transaction of its group, and none of their writes remain', async () => {
  const { holding, release } = heldOpen();
  const blocker = db.transaction(async (trx) => {
    await trx('notes').insert({ text: 'alone' });
    await holding;
  });
  await new Promise((resolve) => setImmediate(resolve));
  const group = [
    db.transaction((trx) => trx('notes').insert({ text: 'grouped' })),
    // Accepted by its statement, refused at commit: the parent does not exist.
    db.transaction((trx) => trx('children').insert({ parent_id: 42 })),
  ];
  release();
  await blocker;
  const outcomes = await Promise.allSettled(group);
  expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY constraint failed/);
  expect(await noteTexts()).toEqual(['alone']);
  expect(await db('children').count({ count: '*' })).toEqual([{ count: 0 }]);
});

test('a transaction started with a config or without a handler is not grouped', async () => {
  const trx = await db.transaction();
  await trx('notes').insert({ text: 'by hand' });
  await trx.commit();
  await db.transaction((inner) => inner('notes').insert({ text: 'with a config' }), { isolationLevel: 'serializable' });
  expect(await noteTexts()).toEqual(['by hand', 'with a config']);
});
