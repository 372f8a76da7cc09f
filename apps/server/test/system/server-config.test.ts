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

describe('the client API limit', () => {
  let inboxIdentifier: string;
  let otherInboxIdentifier: string;
  beforeAll(async () => {
    const server = await start({ PLATFORM_APP_TOKEN: 'limit-platform-token' });
    const platform = { api_access_token: 'limit-platform-token', 'content-type': 'application/json' };
    const account = (await (
      await fetch(`${server.url}/platform/api/v1/accounts`, {
        method: 'POST',
        headers: platform,
        body: JSON.stringify({ name: 'Limits' }),
      })
    ).json()) as { id: number };
    const user = (await (
      await fetch(`${server.url}/platform/api/v1/users`, {
        method: 'POST',
        headers: platform,
        body: JSON.stringify({
          name: 'Admin',
          email: `limits-${randomInt(1e9)}@example.com`,
          password: 'Secret-Pass1',
        }),
      })
    ).json()) as { id: number; access_token: string };
    await fetch(`${server.url}/platform/api/v1/accounts/${account.id}/account_users`, {
      method: 'POST',
      headers: platform,
      body: JSON.stringify({ user_id: user.id, role: 'administrator' }),
    });
    const createInbox = async (name: string) =>
      (
        (await (
          await fetch(`${server.url}/api/v1/accounts/${account.id}/inboxes`, {
            method: 'POST',
            headers: { api_access_token: user.access_token, 'content-type': 'application/json' },
            body: JSON.stringify({ name, channel: { type: 'api' } }),
          })
        ).json()) as { inbox_identifier: string }
      ).inbox_identifier;
    inboxIdentifier = await createInbox('Limited');
    otherInboxIdentifier = await createInbox('Other');
  });

  const publicInbox = (server: RunningServer, identifier: string, address: string) =>
    fetch(`${server.url}/public/api/v1/inboxes/${identifier}`, { headers: { 'x-forwarded-for': address } });

  test('refuses an address past its requests per window with a 429 and Retry-After, and only that address', async () => {
    const server = await start({ CLIENT_API_ADDRESS_LIMIT: '3' });
    const address = freshAddress();
    for (let request = 0; request < 3; request++) {
      expect((await publicInbox(server, inboxIdentifier, address)).status).toBe(200);
    }
    const refused = await publicInbox(server, inboxIdentifier, address);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect((await publicInbox(server, inboxIdentifier, freshAddress())).status).toBe(200);
    // The application API is not counted.
    expect((await profileOf(server, address)).status).toBe(401);
  });

  test('counts the survey pages and the survey operations with the client API of the same address', async () => {
    const server = await start({ CLIENT_API_ADDRESS_LIMIT: '3' });
    const address = freshAddress();
    const unknownSurvey = '00000000-0000-4000-8000-000000000000';
    const headers = { 'x-forwarded-for': address };
    expect((await fetch(`${server.url}/survey/responses/${unknownSurvey}`, { headers })).status).toBe(404);
    expect((await fetch(`${server.url}/public/api/v1/csat_survey/${unknownSurvey}`, { headers })).status).toBe(404);
    expect((await publicInbox(server, inboxIdentifier, address)).status).toBe(200);
    const refused = await fetch(`${server.url}/survey/responses/${unknownSurvey}`, { headers });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  test('refuses an inbox past its requests per window from all addresses together, and only that inbox', async () => {
    const server = await start({ CLIENT_API_INBOX_LIMIT: '2' });
    expect((await publicInbox(server, inboxIdentifier, freshAddress())).status).toBe(200);
    expect((await publicInbox(server, inboxIdentifier, freshAddress())).status).toBe(200);
    expect((await publicInbox(server, inboxIdentifier, freshAddress())).status).toBe(429);
    expect((await publicInbox(server, otherInboxIdentifier, freshAddress())).status).toBe(200);
  });

  test('servers given the same REDIS_URL count together, and 0 turns a limit off', async () => {
    const env = { REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379', CLIENT_API_ADDRESS_LIMIT: '2' };
    const first = await start(env);
    const second = await start(env);
    const address = freshAddress();
    expect((await publicInbox(first, inboxIdentifier, address)).status).toBe(200);
    expect((await publicInbox(second, inboxIdentifier, address)).status).toBe(200);
    expect((await publicInbox(first, inboxIdentifier, address)).status).toBe(429);
    const unlimited = await start({ CLIENT_API_ADDRESS_LIMIT: '0', CLIENT_API_INBOX_LIMIT: '0' });
    for (let request = 0; request < 5; request++) {
      expect((await publicInbox(unlimited, inboxIdentifier, address)).status).toBe(200);
    }
  });
});
