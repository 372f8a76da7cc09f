import { randomInt } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../../src/config/config';
import { type RunningServer, startServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../../src/testing';

let database: TestDatabase;
const running: RunningServer[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});
afterAll(() => database.drop());

async function start(env: Record<string, string> = {}): Promise<RunningServer> {
  const config = loadConfig({ PORT: '0', DATABASE_URL: database.url, INQUIRLY_ROLE: 'api', ...env });
  const server = await startServer(config, pino({ level: 'silent' }));
  running.push(server);
  return server;
}

/** An address no other run has failed from, so that counts kept in the shared Redis start at zero. */
const freshAddress = () => `198.51.${randomInt(0, 256)}.${randomInt(1, 255)}`;

const profileOf = (server: RunningServer, address: string) =>
  fetch(`${server.url}/api/v1/profile`, { headers: { api_access_token: 'guess', 'x-forwarded-for': address } });

test('the server refuses an address after 20 failed authentications unless configured otherwise', async () => {
  const server = await start();
  const address = freshAddress();
  for (let attempt = 0; attempt < 20; attempt++) expect((await profileOf(server, address)).status).toBe(401);
  const blocked = await profileOf(server, address);
  expect(blocked.status).toBe(429);
  expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
});

test('servers given the same REDIS_URL count the failures of an address together', async () => {
  const env = { REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379', AUTH_FAILURE_LIMIT: '2' };
  const first = await start(env);
  const second = await start(env);
  const address = freshAddress();
  expect((await profileOf(first, address)).status).toBe(401);
  expect((await profileOf(second, address)).status).toBe(401);
  expect((await profileOf(first, address)).status).toBe(429);
  expect((await profileOf(second, address)).status).toBe(429);
});

test('AUTH_FAILURE_LIMIT=0 turns the limit off', async () => {
  const server = await start({ AUTH_FAILURE_LIMIT: '0' });
  const address = freshAddress();
  for (let attempt = 0; attempt < 25; attempt++) expect((await profileOf(server, address)).status).toBe(401);
});

test('the server answers preflights from the origins CORS_ORIGINS lists', async () => {
  const server = await start({ CORS_ORIGINS: 'https://desk.example.com' });
  const preflight = (origin: string) =>
    fetch(`${server.url}/api/v1/profile`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'api_access_token' },
    });
  const allowed = await preflight('https://desk.example.com');
  expect(allowed.status).toBe(204);
  expect(allowed.headers.get('access-control-allow-origin')).toBe('https://desk.example.com');
  expect((await preflight('https://other.example.com')).headers.get('access-control-allow-origin')).toBeNull();
});
