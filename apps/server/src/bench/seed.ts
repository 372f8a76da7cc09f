import { engineOf } from '../db/connection';
import { benchDatabaseUrl } from './bench-database';
import { benchContactCount, flag } from './bench-settings';
import { prepareContactsBench } from './seed-contacts';

/**
 * `pnpm bench:seed`: seeds (or finds already seeded) the contacts bench account of `BENCH_CONTACTS` contacts in the
 * bench database of the engine `DATABASE_URL` selects; `BENCH_RESEED=1` starts it over.
 */
async function main(): Promise<void> {
  const contacts = benchContactCount();
  const url = benchDatabaseUrl(contacts);
  const reseed = flag('BENCH_RESEED');
  console.log(`${engineOf(url)} bench database ${url}: ${contacts.toLocaleString('en-US')} contacts`);
  const bench = await prepareContactsBench({ url, contacts, reseed });
  try {
    const { accountId } = bench.account;
    console.log(
      bench.seededSeconds === undefined
        ? `already seeded: account ${accountId} (BENCH_RESEED=1 seeds it again)`
        : `seeded account ${accountId} in ${Math.round(bench.seededSeconds)} s`,
    );
  } finally {
    await bench.db.destroy();
  }
}

main().catch((error: unknown) => {
  // A failed bulk insert's message carries the whole statement: its head says enough.
  console.error((error instanceof Error ? (error.stack ?? error.message) : String(error)).slice(0, 2000));
  process.exitCode = 1;
});
