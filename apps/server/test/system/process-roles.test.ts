import pino from 'pino';
import { loadConfig } from '../../src/config/config';
import type { DomainEvent } from '../../src/events/domain-event';
import { type RunningServer, startServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../../src/testing';

let database: TestDatabase;
const running: RunningServer[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  for (const process of running.splice(0)) await process.close();
});
afterAll(() => database.drop());

const platformToken = 'roles-platform-token-0123456789';

async function start(role: string, received: DomainEvent[]): Promise<RunningServer> {
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: database.url,
    PLATFORM_APP_TOKEN: platformToken,
    INQUIRLY_ROLE: role,
    EVENT_POLL_INTERVAL_MS: '20',
  });
  const consumer = { name: 'roles-consumer', handle: async (event: DomainEvent) => void received.push(event) };
  const process = await startServer(config, pino({ level: 'silent' }), { consumers: [consumer] });
  running.push(process);
  return process;
}

const eventually = async (check: () => boolean, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
};

test('an API process records events without dispatching them; a worker, serving no HTTP, dispatches them', async () => {
  const seenByApi: DomainEvent[] = [];
  const api = await start('api', seenByApi);
  const created = await fetch(`${api.url}/platform/api/v1/accounts`, {
    method: 'POST',
    headers: { api_access_token: platformToken, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Split roles' }),
  });
  expect(created.status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(seenByApi).toEqual([]);

  const seenByWorker: DomainEvent[] = [];
  const worker = await start('worker', seenByWorker);
  expect(worker.server).toBeUndefined();
  expect(worker.url).toBeUndefined();
  await eventually(() => seenByWorker.some((event) => event.name === 'account_created'));
  expect(seenByWorker.map((event) => event.name)).toContain('account_created');
});

test('the default process serves the API and dispatches what it records', async () => {
  const seen: DomainEvent[] = [];
  const all = await start('all', seen);
  const created = await fetch(`${all.url}/platform/api/v1/accounts`, {
    method: 'POST',
    headers: { api_access_token: platformToken, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'One process' }),
  });
  const { id } = (await created.json()) as { id: number };
  await eventually(() => seen.some((event) => event.name === 'account_created' && event.subject.id === id));
  expect(seen.filter((event) => event.subject.id === id).map((event) => event.name)).toEqual(['account_created']);
});
