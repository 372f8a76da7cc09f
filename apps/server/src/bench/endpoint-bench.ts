import { createServer, type RequestListener } from 'node:http';
import express from 'express';
import { type Container, createContainer } from '../container';
import { handlers } from '../http/handler-registry';
import { operationAccess } from '../http/operation-access';
import type { HandlerMap, OperationId } from '../http/operation-types';
import { loadSpecDocument, type SpecDocument } from '../http/spec-document';
import { createTestDatabase } from '../testing/test-database';
import type { LoadSettings } from './bench-settings';
import { listenOnLoopback } from './loopback-server';
import { markdownTable, wholeNumber } from './markdown-table';
import { productionApp } from './production-app';
import { assertSameReply, type RecordedReply, recordReply, replayListener } from './replay-server';
import { type LoadSummary, measure } from './run-load';

/** What one part of the bench found: lines to print, and why the figures cannot be trusted, if they cannot. */
export interface BenchReport {
  lines: string[];
  failures: string[];
}

/** An endpoint the bench loads, with the token it is called with. */
interface Endpoint {
  name: string;
  operationId: OperationId;
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
      operationId: 'platformGetAccount',
      path: `/platform/api/v1/accounts/${account.id}`,
      headers: { api_access_token: platformToken },
    },
    {
      name: 'GET /api/v1/accounts/{account_id}/contacts/{id}',
      operationId: 'getContact',
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
      },
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
  wholeNumber.format(summary.busyMicrosecondsPerRequest),
];

const header = (first: string) => [first, 'requests/s (avg)', 'p99 latency (ms)', 'server CPU per request (µs)'];

/** An Express app with the one route, answering the recorded bytes: what the framework alone costs. */
function expressReplay(path: string, reply: RecordedReply) {
  const app = express();
  app.get(path, (_req, res) => {
    res.status(reply.status).type(reply.contentType).send(reply.body);
  });
  return app;
}

/**
 * The application with the endpoint's handler answering the recorded reply without reading anything, with or without
 * its access check: what logging, parsing, validation and routing cost, then the caller's lookup on top.
 */
function applicationWithStubbedHandler(
  container: Container,
  operationId: OperationId,
  reply: RecordedReply,
  withAccessCheck: boolean,
) {
  const body = JSON.parse(reply.body.toString('utf8')) as unknown;
  return productionApp(container, {
    handlers: { ...handlers, [operationId]: async () => ({ status: reply.status, body }) } as HandlerMap,
    ...(!withAccessCheck && { access: { ...operationAccess, [operationId]: { schemes: [], inAccount: false } } }),
  });
}

/**
 * The real application (production settings, silent logs) on a fresh database of the engine `DATABASE_URL` selects:
 * each endpoint against a bare node:http server answering the same bytes, which gives what the framework, the
 * validator, authentication and the database cost per request; where that cost goes, layer by layer, for the account
 * endpoint; then the account endpoint in apps whose spec holds hundreds and thousands more operations, which shows
 * whether the cost grows with the spec.
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
  /** Serves `app` on the loopback while `run` loads it. */
  const whileServing = async <Result>(app: RequestListener, run: (url: string) => Promise<Result>) => {
    const server = await listenOnLoopback(createServer(app));
    try {
      return await run(server.url);
    } finally {
      await server.close();
    }
  };
  try {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const container = createContainer({ db: database.db });
    const app = await listenOnLoopback(createServer(productionApp(container)));
    cleanups.push(app.close);
    const endpoints = await benchEndpoints(container, app.url);

    const endpointRows: string[][] = [];
    const replies = new Map<Endpoint, RecordedReply>();
    for (const endpoint of endpoints) {
      const reply = await recordReply(app.url + endpoint.path, endpoint.headers);
      replies.set(endpoint, reply);
      const load = { headers: endpoint.headers, expectBody: reply.body.toString('utf8') };
      const floor = await whileServing(replayListener('GET', endpoint.path, reply), async (url) => {
        assertSameReply(reply, await recordReply(url + endpoint.path, endpoint.headers));
        return measured(`${endpoint.name}, bare`, { ...load, url: url + endpoint.path });
      });
      const full = await measured(endpoint.name, { ...load, url: app.url + endpoint.path });
      endpointRows.push(
        summaryRow(`${endpoint.name}: Inquirly`, full),
        summaryRow(`${endpoint.name}: bare node:http, same bytes`, floor),
        [
          `${endpoint.name}: ratio Inquirly / bare`,
          ratio(full.requestsPerSecond, floor.requestsPerSecond),
          ratio(full.p99LatencyMs, floor.p99LatencyMs),
          ratio(full.busyMicrosecondsPerRequest, floor.busyMicrosecondsPerRequest),
        ],
      );
    }

    const accountEndpoint = endpoints[1] as Endpoint;
    const accountReply = replies.get(accountEndpoint) as RecordedReply;
    const accountLoad = (url: string) => ({
      url: url + accountEndpoint.path,
      headers: accountEndpoint.headers,
      expectBody: accountReply.body.toString('utf8'),
    });
    const layers: Array<[string, RequestListener]> = [
      ['Express, one route answering the same bytes', expressReplay(accountEndpoint.path, accountReply)],
      [
        '+ logging, parsing, validation, routing (handler answers the bytes)',
        applicationWithStubbedHandler(container, accountEndpoint.operationId, accountReply, false),
      ],
      [
        '+ the caller: token, membership (cached), stamp read',
        applicationWithStubbedHandler(container, accountEndpoint.operationId, accountReply, true),
      ],
    ];
    const layerRows: string[][] = [];
    for (const [name, layer] of layers) {
      layerRows.push(summaryRow(name, await whileServing(layer, (url) => measured(name, accountLoad(url)))));
    }

    const operationCount = Object.values(loadSpecDocument().paths).flatMap((item) => Object.keys(item)).length;
    const growthRows: string[][] = [];
    // Largest first: an app left behind holds its spec's compiled validators, and the heap they fill would make the
    // later, larger apps pay more for garbage collection than for their routes.
    for (const extra of [2000, 500, 0]) {
      const grown = withExtraOperations(loadSpecDocument(), extra);
      const name = `${operationCount + extra} operations`;
      const summary = await whileServing(productionApp(container, grown), (url) => measured(name, accountLoad(url)));
      growthRows.push(summaryRow(name, summary));
    }

    return {
      lines: [
        `Endpoints, ${database.url.split(':')[0]}`,
        '',
        markdownTable([header('target'), ...endpointRows]),
        '',
        `Where the time of ${accountEndpoint.name} goes, layer by layer (the full app above adds the handler's reads)`,
        '',
        markdownTable([header('layers'), ...layerRows]),
        '',
        `${accountEndpoint.name} as the spec grows`,
        '',
        markdownTable([header('operations in the spec'), ...growthRows]),
      ],
      failures,
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
