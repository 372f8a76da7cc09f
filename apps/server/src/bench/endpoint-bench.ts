import { createServer } from 'node:http';
import { createApp } from '../app';
import { type Container, createContainer } from '../container';
import { handlers } from '../http/handler-registry';
import { operationAccess } from '../http/operation-access';
import type { HandlerMap } from '../http/operation-types';
import { loadSpecDocument, type SpecDocument } from '../http/spec-document';
import { createTestDatabase } from '../testing/test-database';
import type { LoadSettings } from './bench-settings';
import { listenOnLoopback } from './loopback-server';
import { markdownTable, wholeNumber } from './markdown-table';
import { assertSameReply, createReplayServer, recordReply } from './replay-server';
import { type LoadSummary, measure } from './run-load';

/** What one part of the bench found: lines to print, and why the figures cannot be trusted, if they cannot. */
export interface BenchReport {
  lines: string[];
  failures: string[];
}

/** An endpoint the bench loads, with the token it is called with. */
interface Endpoint {
  name: string;
  path: string;
  headers: Record<string, string>;
}

function ratio(numerator: number, denominator: number): string {
  // A p99 below autocannon's 1 ms resolution reads as 0; no ratio beats a division by zero.
  return denominator > 0 ? (numerator / denominator).toFixed(2) : 'n/a';
}

/** Calls the app through HTTP, as a client would, and returns the JSON body of a 200. */
async function call<Body>(url: string, method: string, token: string, body?: unknown): Promise<Body> {
  const response = await fetch(url, {
    method,
    headers: { api_access_token: token, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Body;
}

/**
 * An account with an agent and one contact, made through the API: the platform endpoint reads the account with the
 * platform app's token, the account endpoint reads the contact with the agent's.
 */
async function benchEndpoints(container: Container, appUrl: string): Promise<Endpoint[]> {
  const { token: platformToken } = await container.services.platformApps.create('Bench');
  const platform = `${appUrl}/platform/api/v1`;
  const account = await call<{ id: number }>(`${platform}/accounts`, 'POST', platformToken, { name: 'Bench' });
  const agent = await call<{ id: number; access_token: string }>(`${platform}/users`, 'POST', platformToken, {
    name: 'Bench agent',
    email: 'bench-agent@example.com',
  });
  await call(`${platform}/accounts/${account.id}/account_users`, 'POST', platformToken, {
    user_id: agent.id,
    role: 'agent',
  });
  const contactsPath = `/api/v1/accounts/${account.id}/contacts`;
  const contact = await call<{ payload: { contact: { id: number } } }>(
    `${appUrl}${contactsPath}`,
    'POST',
    agent.access_token,
    { name: 'Ada Lovelace', email: 'ada@example.com', phone_number: '+441234567890' },
  );
  return [
    {
      name: 'GET /platform/api/v1/accounts/{account_id}',
      path: `/platform/api/v1/accounts/${account.id}`,
      headers: { api_access_token: platformToken },
    },
    {
      name: 'GET /api/v1/accounts/{account_id}/contacts/{id}',
      path: `${contactsPath}/${contact.payload.contact.id}`,
      headers: { api_access_token: agent.access_token },
    },
  ];
}

/**
 * The document with `count` more account operations, whose paths the route lookup meets before the contact's ones
 * (`bench-…` sorts before `contacts`): what a request costs as the spec grows.
 */
function withExtraOperations(document: SpecDocument, count: number) {
  const paths: SpecDocument['paths'] = { ...document.paths };
  const extraHandlers: Record<string, () => Promise<{ status: 200; body: object }>> = {};
  const access: Record<string, { schemes: []; inAccount: false }> = { ...operationAccess } as never;
  const integerParameter = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'integer' } });
  for (let index = 0; index < count; index++) {
    const operationId = `benchExtra${index}`;
    paths[`/api/v1/accounts/{account_id}/bench-${index}/{id}`] = {
      get: {
        operationId,
        security: [],
        parameters: [integerParameter('account_id'), integerParameter('id')],
        responses: { 200: { description: 'Nothing', content: { 'application/json': { schema: { type: 'object' } } } } },
      } as SpecDocument['paths'][string][string],
    };
    extraHandlers[operationId] = async () => ({ status: 200, body: {} });
    access[operationId] = { schemes: [], inAccount: false };
  }
  return { document: { ...document, paths }, handlers: { ...handlers, ...extraHandlers } as HandlerMap, access };
}

const summaryRow = (name: string, summary: LoadSummary) => [
  name,
  wholeNumber.format(summary.requestsPerSecond),
  String(summary.p99LatencyMs),
];

/**
 * The real application (production settings, silent logs) on a fresh database of the engine `DATABASE_URL` selects:
 * each endpoint against a bare node:http server answering the same bytes, which gives what the framework, the
 * validator, authentication and the database cost per request; then the account endpoint again in apps whose spec
 * holds hundreds and thousands more operations, which shows whether that cost grows with the spec.
 */
export async function benchEndpointsAgainstBare(settings: LoadSettings): Promise<BenchReport> {
  // Closed in reverse order whatever happens, so that the process exits by itself on success and on failure alike.
  const cleanups: Array<() => Promise<void>> = [];
  const failures: string[] = [];
  const measured = async (name: string, load: { url: string; headers: Record<string, string>; expectBody: string }) => {
    const summary = await measure(name, load, settings);
    failures.push(...summary.failures.map((failure) => `${name}: ${failure}`));
    return summary;
  };
  try {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const container = createContainer({ db: database.db });
    const app = await listenOnLoopback(createServer(createApp({ container, validateResponses: false })));
    cleanups.push(app.close);
    const endpoints = await benchEndpoints(container, app.url);

    const endpointRows: string[][] = [];
    for (const endpoint of endpoints) {
      const reply = await recordReply(app.url + endpoint.path, endpoint.headers);
      const bare = await listenOnLoopback(createReplayServer('GET', endpoint.path, reply));
      cleanups.push(bare.close);
      assertSameReply(reply, await recordReply(bare.url + endpoint.path, endpoint.headers));
      const load = { headers: endpoint.headers, expectBody: reply.body.toString('utf8') };
      const full = await measured(endpoint.name, { ...load, url: app.url + endpoint.path });
      const floor = await measured(`${endpoint.name}, bare`, { ...load, url: bare.url + endpoint.path });
      endpointRows.push(
        summaryRow(`${endpoint.name}: Inquirly`, full),
        summaryRow(`${endpoint.name}: bare node:http, same bytes`, floor),
        [
          `${endpoint.name}: ratio Inquirly / bare`,
          ratio(full.requestsPerSecond, floor.requestsPerSecond),
          ratio(full.p99LatencyMs, floor.p99LatencyMs),
        ],
      );
    }

    const accountEndpoint = endpoints[1] as Endpoint;
    const expectBody = (await recordReply(app.url + accountEndpoint.path, accountEndpoint.headers)).body.toString();
    const operationCount = Object.values(loadSpecDocument().paths).flatMap((item) => Object.keys(item)).length;
    const growthRows: string[][] = [];
    for (const extra of [0, 500, 2000]) {
      const grown = withExtraOperations(loadSpecDocument(), extra);
      const server = await listenOnLoopback(createServer(createApp({ container, validateResponses: false, ...grown })));
      try {
        const name = `${operationCount + extra} operations`;
        growthRows.push(
          summaryRow(
            name,
            await measured(name, {
              url: server.url + accountEndpoint.path,
              headers: accountEndpoint.headers,
              expectBody,
            }),
          ),
        );
      } finally {
        await server.close();
      }
    }

    return {
      lines: [
        `Endpoints, ${database.url.split(':')[0]}`,
        '',
        markdownTable([['target', 'requests/s (avg)', 'p99 latency (ms)'], ...endpointRows]),
        '',
        `${accountEndpoint.name} as the spec grows`,
        '',
        markdownTable([['operations in the spec', 'requests/s (avg)', 'p99 latency (ms)'], ...growthRows]),
      ],
      failures,
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
