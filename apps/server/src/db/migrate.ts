import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Database } from './connection';

export interface Migration {
  /** The file name without its extension, as recorded in the migrations table: `0001-foundation`. */
  name: string;
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

const migrationsFolder = path.join(__dirname, 'migrations');

// Only files of this module's own kind are read: `.ts` when it runs from sources (jest, tsx), `.js` when compiled to
// dist/, where the `.d.ts` and `.js.map` files beside them are no migrations.
const migrationFile = new RegExp(`^(\\d{4}-[\\w-]+)\\${path.extname(__filename)}$`);

/** The migrations of a folder, one per `NNNN-name` file, in the order of their names. */
export function migrationsIn(folder: string): Migration[] {
  return readdirSync(folder)
    .map((file) => migrationFile.exec(file))
    .filter((match) => match !== null)
    .map(([file, name]) => {
      const { up, down } = require(path.join(folder, file)) as Partial<Migration>;
      if (typeof up !== 'function' || typeof down !== 'function') {
        throw new Error(`Migration ${file} must export the functions up and down`);
      }
      return { name: name as string, up, down };
    })
    .sort((first, second) => (first.name < second.name ? -1 : 1));
}

function sourceOf(migrations: Migration[]): Knex.MigrationSource<Migration> {
  return {
    getMigrations: async () => migrations,
    getMigrationName: (migration) => migration.name,
    getMigration: async (migration) => migration,
  };
}

/** Brings the schema up to date with the migrations of `src/db/migrations/`. */
export async function migrateLatest(db: Database): Promise<void> {
  await db.migrate.latest({ migrationSource: sourceOf(migrationsIn(migrationsFolder)) });
}
