import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../testing';
import { connectDatabase, type Database } from './connection';
import { migrateLatest, migrationsIn } from './migrate';

/** The names of the files of `migrations/`, without their extension, in order. */
const migrationFileNames = readdirSync(path.join(__dirname, 'migrations'))
  .filter((file) => /^\d{4}-.+\.ts$/.test(file))
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();

const appliedMigrations = async (db: Database) =>
  (await db('knex_migrations').orderBy('id').select('name')).map((row: { name: string }) => row.name);

let temporaryFolder: string;
beforeEach(() => {
  temporaryFolder = mkdtempSync(path.join(os.tmpdir(), 'inquirly-migrate-'));
});
afterEach(() => rmSync(temporaryFolder, { recursive: true, force: true }));

test('a test database has every file of the migrations folder applied, by its name without extension', async () => {
  const database = await createTestDatabase();
  try {
    expect(await appliedMigrations(database.db)).toEqual(migrationFileNames);
  } finally {
    await database.drop();
  }
});

test('an empty database gets every migration of the folder in order, and a second run applies none again', async () => {
  const db = connectDatabase(`sqlite:${path.join(temporaryFolder, 'fresh.sqlite3')}`);
  try {
    await migrateLatest(db);
    await migrateLatest(db);
    expect(await appliedMigrations(db)).toEqual(migrationFileNames);
    expect(await db('knex_migrations').distinct('batch')).toEqual([{ batch: 1 }]);
  } finally {
    await db.destroy();
  }
});

test('the names of the folder are kept as recorded ever since, so that no database is migrated twice', () => {
  expect(migrationFileNames.slice(0, 3)).toEqual(['0001-foundation', '0002-account-administration', '0003-contacts']);
});

describe('reading a folder', () => {
  const migrationSource = 'export async function up() {}\nexport async function down() {}\n';

  test('takes each NNNN-name file as a migration, sorted by name, and nothing else', () => {
    writeFileSync(path.join(temporaryFolder, '0010-later.ts'), migrationSource);
    writeFileSync(path.join(temporaryFolder, '0002-earlier.ts'), migrationSource);
    writeFileSync(path.join(temporaryFolder, 'README.md'), 'Not a migration.\n');
    writeFileSync(path.join(temporaryFolder, 'helpers.ts'), migrationSource);
    expect(migrationsIn(temporaryFolder).map((migration) => migration.name)).toEqual(['0002-earlier', '0010-later']);
  });

  test('refuses a migration file without up and down, naming it', () => {
    writeFileSync(path.join(temporaryFolder, '0004-half.ts'), 'export async function up() {}\n');
    expect(() => migrationsIn(temporaryFolder)).toThrow('Migration 0004-half.ts must export the functions up and down');
  });
});
