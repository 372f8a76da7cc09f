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
  const process = await startServer(config, pino({ level: 'silent' }), {
    consumers: [consumer],
    snoozeExpiryIntervalMs: 20,
  });
  running.push(process);
  return process;
}

const eventually = async (check: () => boolean, timeoutMs = 5000, refresh?: () => Promise<void>) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await refresh?.();
  }
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

test('the worker reopens snoozed conversations whose time has come; an API process leaves them', async () => {
  const api = await start('api', []);
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { api_access_token: token, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return (await response.json()) as any;
  };
  const account = await call('POST', '/platform/api/v1/accounts', platformToken, { name: 'Snoozes' });
  const user = await call('POST', '/platform/api/v1/users', platformToken, {
    name: 'Ada',
    email: `ada-${account.id}@example.com`,
  });
  await call('POST', `/platform/api/v1/accounts/${account.id}/account_users`, platformToken, {
    user_id: user.id,
    role: 'administrator',
  });
  const A = `/api/v1/accounts/${account.id}`;
  const inbox = await call('POST', `${A}/inboxes`, user.access_token, { name: 'Desk', channel: { type: 'api' } });
  const contact = await call('POST', `${A}/contacts`, user.access_token, { name: 'Cleo', inbox_id: inbox.id });
  const conversation = await call('POST', `${A}/conversations`, user.access_token, {
    source_id: contact.payload.contact_inbox.source_id,
  });
  const C = `${A}/conversations/${conversation.id}`;
  const snoozed = await call('POST', `${C}/toggle_status`, user.access_token, {
    status: 'snoozed',
    snoozed_until: Math.floor(Date.now() / 1000) - 1,
  });
  expect(snoozed.payload.current_status).toBe('snoozed');
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect((await call('GET', C, user.access_token)).status).toBe('snoozed');

  await start('worker', []);
  let status = 'snoozed';
  await eventually(
    () => status === 'open',
    5000,
    async () => {
      status = (await call('GET', C, user.access_token)).status;
    },
  );
  expect(status).toBe('open');
});
