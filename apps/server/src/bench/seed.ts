import { engineOf } from '../db/connection';
import { benchDatabaseUrl, conversationsBenchDatabaseUrl } from './bench-database';
import { benchContactCount, benchConversationsSize, flag } from './bench-settings';
import { prepareContactsBench } from './seed-contacts';
import { prepareConversationsBench } from './seed-conversations';

const wholeNumber = new Intl.NumberFormat('en-US');

/** Reports a bench seeding, or that it was already there, and closes its database. */
async function report(bench: {
  db: { destroy(): Promise<void> };
  account: { accountId: number };
  seededSeconds?: number;
}) {
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

const parts: Record<string, (reseed: boolean) => Promise<void>> = {
  async contacts(reseed) {
    const contacts = benchContactCount();
    const url = benchDatabaseUrl(contacts);
    console.log(`${engineOf(url)} bench database ${url}: ${wholeNumber.format(contacts)} contacts`);
    await report(await prepareContactsBench({ url, contacts, reseed }));
  },
  async conversations(reseed) {
    const size = benchConversationsSize();
    const url = conversationsBenchDatabaseUrl(size);
    console.log(
      `${engineOf(url)} bench database ${url}: ${wholeNumber.format(size.conversations)} conversations, ` +
        `${wholeNumber.format(size.messages)} messages`,
    );
    await report(await prepareConversationsBench({ url, size, reseed }));
  },
};

/**
 * `pnpm bench:seed`: seeds (or finds already seeded) the bench accounts in the bench databases of the engine
 * `DATABASE_URL` selects: the contacts account of `BENCH_CONTACTS` contacts, then the conversations account of
 * `BENCH_CONVERSATIONS` conversations and `BENCH_MESSAGES` messages. `BENCH_ONLY=contacts` or
 * `BENCH_ONLY=conversations` seeds one; `BENCH_RESEED=1` starts them over.
 */
async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (only && !(only in parts)) throw new Error(`BENCH_ONLY must be one of ${Object.keys(parts).join(', ')}`);
  const reseed = flag('BENCH_RESEED');
  for (const [name, seed] of Object.entries(parts)) {
    if (!only || only === name) await seed(reseed);
  }
}

main().catch((error: unknown) => {
  // A failed bulk insert's message carries the whole statement: its head says enough.
  console.error((error instanceof Error ? (error.stack ?? error.message) : String(error)).slice(0, 2000));
  process.exitCode = 1;
});
