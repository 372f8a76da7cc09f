import type { Knex } from 'knex';
import { createContainer } from '../container';
import type { Database } from '../db/connection';
import { idOf } from '../db/inserted-id';
import { writeJson } from '../db/json-column';
import type { TableInsert } from '../db/tables';
import { accessTokenRepository } from '../modules/access-tokens/access-token-repository';
import { userRepository } from '../modules/users/user-repository';
import { openBenchDatabase } from './bench-database';
import { contactGenerator, type GeneratedContact } from './contact-generator';
import { progressBar } from './progress-bar';

/** The account the contact scenarios run in, and its administrator's token. */
export interface ContactsBenchAccount {
  accountId: number;
  adminToken: string;
  contacts: number;
}

const accountName = 'Contacts bench';
const adminEmail = 'admin@contacts-bench.example';
// Multi-row inserts of this size stay under both engines' limits on bound parameters (13 per row).
const batchSize = 1000;
// The same seed and size give the same rows, so the README's match counts hold for anyone who reseeds.
const generatorSeed = 20_240_601;

/** The bench account when it is there with exactly `contacts` contacts; a partial or different seeding is not. */
export async function findSeededAccount(db: Database, contacts: number): Promise<ContactsBenchAccount | undefined> {
  const account = await db('accounts').select('id').where({ name: accountName }).orderBy('id').first();
  const admin = await userRepository(db).findByEmail(adminEmail);
  if (!account || !admin) return undefined;
  const adminToken = await accessTokenRepository(db).tokenOf('User', admin.id);
  const row = await db('contacts').where({ account_id: account.id }).count({ count: '*' }).first();
  if (!adminToken || row?.count !== contacts) return undefined;
  return { accountId: account.id, adminToken, contacts };
}

const contactColumns = [
  'account_id',
  'name',
  'email',
  'phone_number',
  'identifier',
  'blocked',
  'avatar_url',
  'additional_attributes',
  'custom_attributes',
  'last_activity_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof TableInsert<'contacts'>)[];

function contactValues(accountId: number, contact: GeneratedContact): Knex.Value[] {
  return [
    accountId,
    contact.name,
    contact.email,
    contact.phone_number,
    contact.identifier,
    contact.blocked,
    null,
    writeJson(contact.additional_attributes),
    writeJson(contact.custom_attributes),
    contact.last_activity_at,
    contact.created_at,
    contact.updated_at,
  ];
}

/** What a raw `returning` statement gives: the rows on SQLite, `{ rows }` on PostgreSQL. */
type ReturnedRows<Row> = Row[] | { rows: Row[] };

function returnedRows<Row>(result: ReturnedRows<Row>): Row[] {
  return Array.isArray(result) ? result : result.rows;
}

async function insertBatch(db: Database, accountId: number, batch: GeneratedContact[]): Promise<void> {
  // One `values` list rather than knex's multi-row insert, which SQLite gets as a compound select of at most 500 terms.
  const placeholders = `(${contactColumns.map(() => '?').join(', ')})`;
  await db.transaction(async (trx) => {
    const inserted = returnedRows(
      await trx.raw<ReturnedRows<{ id: number }>>(
        `insert into contacts (${contactColumns.join(', ')}) values ${batch.map(() => placeholders).join(', ')}
         returning id`,
        batch.flatMap((contact) => contactValues(accountId, contact)),
      ),
    );
    const labels = batch.flatMap((contact, index) =>
      contact.labels.map((label) => ({
        account_id: accountId,
        contact_id: idOf(inserted[index]),
        label,
        created_at: contact.created_at,
      })),
    );
    // Well under 500 rows per batch on average, but not by construction: insert them in slices.
    for (let start = 0; start < labels.length; start += 400) {
      await trx('contact_labels').insert(labels.slice(start, start + 400));
    }
  });
}

/**
 * Brings a freshly loaded database to the state it reaches in service: planner statistics of the loaded tables, and
 * the trigram indexes merged (SQLite's trigram table) or their pending entries moved in and the visibility map set,
 * which PostgreSQL's index-only scans need (what autovacuum does after a while).
 */
async function settle(db: Database): Promise<void> {
  if (db.client.config.client === 'pg') {
    await db.raw('vacuum analyze');
    return;
  }
  await db.raw("insert into contact_search (contact_search) values ('optimize')");
  await db.raw('analyze');
}

/**
 * Creates the bench account with an administrator and `contacts` generated contacts (with their labels) in batched
 * multi-row inserts, showing progress on stderr, then refreshes the planner's statistics.
 */
export async function seedContactsAccount(
  db: Database,
  { contacts, now }: { contacts: number; now: number },
): Promise<ContactsBenchAccount> {
  const services = createContainer({ db }).services;
  const { platformApp } = await services.platformApps.create(accountName);
  const provisioning = { kind: 'platformApp', platformApp } as const;
  const account = await services.accounts.create(provisioning, { name: accountName });
  const admin = await services.users.createOrClaim(provisioning, {
    name: 'Bench Administrator',
    email: adminEmail,
    password: 'Bench-Pass1',
  });
  await services.accountUsers.createOrUpdate(provisioning, account.id, {
    user_id: admin.user.id,
    role: 'administrator',
  });

  const generator = contactGenerator({ seed: generatorSeed, now });
  const bar = progressBar(contacts);
  let written = 0;
  let writing: Promise<void> = Promise.resolve();
  while (written < contacts) {
    const batch = Array.from({ length: Math.min(batchSize, contacts - written) }, () => generator.next());
    // The next batch is generated while PostgreSQL stores the previous one.
    await writing;
    bar.update(written);
    writing = insertBatch(db, account.id, batch);
    written += batch.length;
  }
  await writing;
  bar.finish();

  await settle(db);
  return { accountId: account.id, adminToken: admin.accessToken, contacts };
}

/** The bench database, open, with its seeded account, and how long seeding took when it had to be done. */
export interface ContactsBench {
  db: Database;
  url: string;
  account: ContactsBenchAccount;
  seededSeconds?: number;
}

/**
 * Opens the contacts bench at `url`, reusing a complete seeding of `contacts` contacts; seeds it (into an emptied
 * database) when asked to with `reseed`, or when what is there is missing, partial or of another size.
 */
export async function prepareContactsBench({
  url,
  contacts,
  reseed,
}: {
  url: string;
  contacts: number;
  reseed: boolean;
}): Promise<ContactsBench> {
  let db = await openBenchDatabase(url, { fresh: reseed });
  const existing = reseed ? undefined : await findSeededAccount(db, contacts);
  if (existing) return { db, url, account: existing };
  if (!reseed) {
    await db.destroy();
    db = await openBenchDatabase(url, { fresh: true });
  }
  try {
    const started = Date.now();
    const account = await seedContactsAccount(db, { contacts, now: Math.floor(started / 1000) });
    return { db, url, account, seededSeconds: (Date.now() - started) / 1000 };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
