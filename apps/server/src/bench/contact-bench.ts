import { createServer } from 'node:http';
import { createContainer } from '../container';
import { engineOf } from '../db/connection';
import { contactRepository } from '../modules/contacts/contact-repository';
import { contactSearchCondition } from '../modules/contacts/contact-search';
import { benchDatabaseUrl } from './bench-database';
import { benchContactCount, flag, type LoadSettings } from './bench-settings';
import type { BenchReport } from './endpoint-bench';
import { listenOnLoopback } from './loopback-server';
import { markdownTable, wholeNumber } from './markdown-table';
import { productionApp } from './production-app';
import { captureQueries, explain } from './query-plans';
import { recordReply } from './replay-server';
import { measure } from './run-load';
import { type ContactsBench, prepareContactsBench } from './seed-contacts';

/** The p99 latency every contact scenario is meant to stay under on either engine. */
const p99TargetMs = 50;

/** One request an agent makes all day against a large account, and how many contacts it matches in all. */
interface ContactScenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  matches(reply: { meta: { count: number } }): Promise<number>;
}

// Chosen to be typical rather than flattering: the name fragment matches a few thousand contacts (Kowalski,
// Kowalczyk, Kowalewski), the phone prefix (San Francisco's area code) several thousand, the email one contact.
const nameFragment = 'kowal';
const phonePrefix = '+1415';

async function contactScenarios({ db, account }: ContactsBench): Promise<ContactScenario[]> {
  const contacts = contactRepository(db);
  const base = `/api/v1/accounts/${account.accountId}/contacts`;
  const search = (name: string, text: string): ContactScenario => ({
    name,
    method: 'GET',
    path: `${base}/search?q=${encodeURIComponent(text)}`,
    matches: async () => contacts.count(account.accountId, contactSearchCondition(db, text)),
  });
  // Someone's full address, as an agent pastes it from a mail: the seeding is deterministic, so is this choice.
  const email = (
    await db('contacts')
      .select('email')
      .where({ account_id: account.accountId })
      .whereNotNull('email')
      .orderBy('id')
      .offset(Math.floor(account.contacts / 2))
      .first()
  )?.email;
  if (!email) throw new Error('The bench account has too few contacts with an email address');
  // The filter asks for the account's German VIPs active in the last week of the seeded activity.
  const activity = await db('contacts')
    .where({ account_id: account.accountId })
    .max('last_activity_at', { as: 'latest' })
    .first();
  const since = new Date((Number(activity?.latest) - 7 * 24 * 3600) * 1000).toISOString().slice(0, 10);
  const filter = {
    payload: [
      { attribute_key: 'country_code', filter_operator: 'equal_to', values: ['DE'], query_operator: 'AND' },
      { attribute_key: 'labels', filter_operator: 'equal_to', values: ['vip'], query_operator: 'AND' },
      { attribute_key: 'last_activity_at', filter_operator: 'is_greater_than', values: [since], query_operator: null },
    ],
  };
  return [
    search('search: name fragment', nameFragment),
    search('search: email', email),
    search('search: phone prefix', phonePrefix),
    {
      name: 'filter: three conditions',
      method: 'POST',
      path: `${base}/filter`,
      body: JSON.stringify(filter),
      // The filter answers its total itself.
      matches: async (reply) => reply.meta.count,
    },
  ];
}

const readsContacts = (sql: string) => /\bfrom [`"]?contact/.test(sql);

/**
 * The contact scenarios over HTTP against the real application (production settings, silent logs) on the seeded
 * bench account of `BENCH_CONTACTS` contacts, with the plan of every contact query each request makes.
 */
export async function benchContacts(settings: LoadSettings): Promise<BenchReport> {
  const contactCount = benchContactCount();
  const url = benchDatabaseUrl(contactCount);
  const bench = await prepareContactsBench({ url, contacts: contactCount, reseed: flag('BENCH_RESEED') });
  const cleanups: Array<() => Promise<void>> = [() => bench.db.destroy()];
  try {
    const app = productionApp(createContainer({ db: bench.db }));
    const server = await listenOnLoopback(createServer(app));
    cleanups.push(server.close);
    const headers = { api_access_token: bench.account.adminToken, 'content-type': 'application/json' };

    const lines = [
      `Contacts, ${engineOf(url)} (${url}): account ${bench.account.accountId} with ` +
        `${wholeNumber.format(contactCount)} contacts` +
        (bench.seededSeconds === undefined ? '' : `, seeded in ${Math.round(bench.seededSeconds)} s`),
      '',
    ];
    // Every reply and plan is taken before any load, so that no request of a load run is still in flight then.
    const prepared = [];
    for (const scenario of await contactScenarios(bench)) {
      const request = { method: scenario.method, body: scenario.body };
      let expectBody = '';
      const queries = await captureQueries(bench.db, async () => {
        expectBody = (await recordReply(server.url + scenario.path, headers, request)).body.toString('utf8');
      });
      const matches = await scenario.matches(JSON.parse(expectBody));
      lines.push(`${scenario.name}: ${scenario.method} ${scenario.path}${scenario.body ? ` ${scenario.body}` : ''}`);
      for (const query of queries.filter(({ sql }) => readsContacts(sql))) {
        lines.push(
          `  ${query.sql.replace(/\s+/g, ' ')}`,
          ...(await explain(bench.db, query)).map((line) => `    ${line}`),
        );
      }
      lines.push('');
      prepared.push({ scenario, request, expectBody, matches });
    }

    const concurrent = settings.connections;
    const rows: string[][] = [
      [
        'scenario',
        'request',
        'matching',
        'alone: requests/s',
        'p50 (ms)',
        'p99 (ms)',
        `${concurrent} at once: requests/s`,
        'p50 (ms)',
        'p99 (ms)',
      ],
    ];
    const failures: string[] = [];
    const overTarget: string[] = [];
    for (const { scenario, request, expectBody, matches } of prepared) {
      const load = { ...request, url: server.url + scenario.path, headers, expectBody };
      // What one request costs when it has the machine to itself, then under `concurrent` connections sending as fast
      // as they are answered, where each request also waits behind the others in flight on the two cores.
      const alone = await measure(scenario.name, load, { ...settings, connections: 1 });
      const saturated = await measure(scenario.name, load, settings);
      failures.push(...[...alone.failures, ...saturated.failures].map((failure) => `${scenario.name}: ${failure}`));
      rows.push([
        scenario.name,
        `${scenario.method} …/contacts/${scenario.path.split('/contacts/')[1]}`,
        wholeNumber.format(matches),
        wholeNumber.format(alone.requestsPerSecond),
        String(alone.p50LatencyMs),
        String(alone.p99LatencyMs),
        wholeNumber.format(saturated.requestsPerSecond),
        String(saturated.p50LatencyMs),
        String(saturated.p99LatencyMs),
      ]);
      for (const [connections, summary] of [
        [1, alone],
        [concurrent, saturated],
      ] as const) {
        if (summary.p99LatencyMs >= p99TargetMs) {
          overTarget.push(
            `${scenario.name}: p99 ${summary.p99LatencyMs} ms with ${connections} connection(s), over the ${p99TargetMs} ms target`,
          );
        }
      }
    }
    lines.push(markdownTable(rows), ...overTarget);
    return { lines, failures };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
