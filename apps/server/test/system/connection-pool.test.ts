import pino from 'pino';
import { loadConfig } from '../../src/config/config';
import type { EventConsumer } from '../../src/events/domain-event';
import { type RunningServer, startServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../../src/testing';

let database: TestDatabase;
let running: RunningServer | undefined;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await running?.close();
  await database.drop();
});

const platformToken = 'pool-platform-token-0123456789';

test('requests are answered while more consumers than the pool once held are busy with events', async () => {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let busy = 0;
  const consumers: EventConsumer[] = Array.from({ length: 12 }, (_, index) => ({
    name: `slow-consumer-${index}`,
    handle: async () => {
      busy++;
      await released;
    },
  }));
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: database.url,
    PLATFORM_APP_TOKEN: platformToken,
    EVENT_POLL_INTERVAL_MS: '20',
  });
  running = await startServer(config, pino({ level: 'silent' }), { consumers });
  const platform = (method: string, path: string, body?: unknown) =>
    fetch(`${running?.url}/platform/api/v1${path}`, {
      method,
      headers: { api_access_token: platformToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  try {
    const created = await platform('POST', '/accounts', { name: 'Busy consumers' });
    const { id } = (await created.json()) as { id: number };
    const deadline = Date.now() + 5000;
    while (busy < consumers.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(busy).toBe(consumers.length);

    const answered = await Promise.race([
      platform('GET', `/accounts/${id}`).then((response) => response.status),
      new Promise((resolve) => setTimeout(() => resolve('no answer within 3 s'), 3000)),
    ]);
    expect(answered).toBe(200);
  } finally {
    release();
  }
});
