import type { Knex } from 'knex';
import type { Database } from './connection';
import * as foundation from './migrations/0001-foundation';
import * as accountAdministration from './migrations/0002-account-administration';
import * as contacts from './migrations/0003-contacts';
import * as domainEvents from './migrations/0004-domain-events';

interface Migration {
  name: string;
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

// Migrations are listed in code rather than read from a folder so that the same list runs from TypeScript sources
// in tests and from compiled JavaScript in production.
const migrations: Migration[] = [
  { name: '0001-foundation', ...foundation },
  { name: '0002-account-administration', ...accountAdministration },
  { name: '0003-contacts', ...contacts },
  { name: '0004-domain-events', ...domainEvents },
];

const source: Knex.MigrationSource<Migration> = {
  getMigrations: async () => migrations,
  getMigrationName: (migration) => migration.name,
  getMigration: async (migration) => migration,
};

/** Brings the schema up to date. */
export async function migrateLatest(db: Database): Promise<void> {
  await db.migrate.latest({ migrationSource: source });
}
