import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { createContainer } from '../container';
import { connectDatabase } from '../db/connection';
import { migrateLatest } from '../db/migrate';

const usage = `Usage:
  pnpm cli platform-app create --name NAME   Creates a platform app and prints its token.
  pnpm cli migrate                           Brings the database schema up to date.

The database is the one DATABASE_URL selects (default: sqlite:data/inquirly.sqlite3).`;

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Administrative commands against the configured database; resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals.join(' ');
  if (values.help || !['platform-app create', 'migrate'].includes(command)) {
    io.stderr(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  const name = values.name?.trim() ?? '';
  if (command === 'platform-app create' && !name) {
    io.stderr('platform-app create needs --name NAME\n');
    return 2;
  }

  const db = connectDatabase(loadConfig(io.env).databaseUrl);
  try {
    await migrateLatest(db);
    if (command === 'platform-app create') {
      const { platformApp, token } = await createContainer({ db }).services.platformApps.create(name);
      io.stderr(`Created platform app ${platformApp.id} "${platformApp.name}". Its token:\n`);
      io.stdout(`${token}\n`);
    } else {
      io.stderr('The database schema is up to date.\n');
    }
    return 0;
  } finally {
    await db.destroy();
  }
}
