import pino from 'pino';
import { loadConfig } from '../../src/config/config';
import { startServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../../src/testing';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const start = () =>
  startServer(
    loadConfig({ PORT: '0', DATABASE_URL: database.url, PLATFORM_APP_TOKEN: 'bootstrap-token-0123456789' }),
    pino({ level: 'silent' }),
  );

test('PLATFORM_APP_TOKEN creates a platform app at start, and a restart reuses it', async () => {
  const first = await start();
  const created = await fetch(`${first.url}/platform/api/v1/accounts`, {
    method: 'POST',
    headers: { api_access_token: 'bootstrap-token-0123456789', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bootstrapped' }),
  });
  expect(created.status).toBe(200);
  const { id } = (await created.json()) as { id: number };
  await first.close();

  const second = await start();
  const fetched = await fetch(`${second.url}/platform/api/v1/accounts/${id}`, {
    headers: { api_access_token: 'bootstrap-token-0123456789' },
  });
  await second.close();
  expect(fetched.status).toBe(200);
  expect(await database.db('platform_apps').count({ count: '*' })).toEqual([{ count: 1 }]);
});
