import { parseArgs } from 'node:util';
import { loadConfig } from './config/config';
import { connectDatabase } from './db/connection';
import { migrateLatest } from './db/migrate';
import { createServices } from './services';

const usage = `Usage:
  pnpm cli platform-app create --name NAME   Creates a platform app and prints its token.
  pnpm cli migrate                           Brings the database schema up to date.

The database is the one DATABASE_URL selects (default: sqlite:data/inquirly.sqlite3).`;

/** Administrative commands run against the configured database. */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals.join(' ');
  if (values.help || !['platform-app create', 'migrate'].includes(command)) {
    process.stderr.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  if (command === 'platform-app create' && !values.name?.trim()) {
    process.stderr.write('platform-app create needs --name NAME\n');
    return 2;
  }

  const db = connectDatabase(loadConfig().databaseUrl);
  try {
    await migrateLatest(db);
    if (command === 'platform-app create') {
      const { platformApp, token } = await createServices(db).platformApps.create(values.name?.trim() ?? '');
      process.stderr.write(`Created platform app ${platformApp.id} "${platformApp.name}". Its token:\n`);
      process.stdout.write(`${token}\n`);
    }
    return 0;
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
