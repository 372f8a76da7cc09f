import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app';
import { createContainer } from '../../src/container';
import { connectDatabase, type Database } from '../../src/db/connection';
import {
  type AccountFixture,
  createAccountFixture,
  startTestServer,
  statementsDuring,
  type TestServer,
} from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

const teamsPath = () => `/api/v1/accounts/${fixture.accountId}/teams`;
const agentPath = (userId: number) => `/api/v1/accounts/${fixture.accountId}/agents/${userId}`;

/** A new member of the fixture's account, with its token. */
async function newMember(role: 'agent' | 'administrator') {
  const email = `cached-${process.pid}-${Math.random().toString(36).slice(2)}@example.com`;
  const created = await server.request('POST', '/platform/api/v1/users', {
    token: fixture.platformToken,
    body: { name: 'Cached', email },
  });
  await server.request('POST', `/platform/api/v1/accounts/${fixture.accountId}/account_users`, {
    token: fixture.platformToken,
    body: { user_id: created.body.id, role },
  });
  return { id: created.body.id as number, token: created.body.access_token as string };
}

test('a known caller is served from the cache: a request reads neither its token nor its membership', async () => {
  const member = await newMember('agent');
  expect((await server.request('GET', teamsPath(), { token: member.token })).status).toBe(200);
  const statements = await statementsDuring(server.db, async () => {
    expect((await server.request('GET', teamsPath(), { token: member.token })).status).toBe(200);
  });
  expect(statements.join('\n')).not.toMatch(/access_tokens|account_users/);
});

test('a rotated token is refused on the next request, and its replacement accepted', async () => {
  const member = await newMember('agent');
  expect((await server.request('GET', teamsPath(), { token: member.token })).status).toBe(200);
  const rotated = `${member.token}-rotated`;
  await server.db('access_tokens').where({ token: member.token }).update({ token: rotated });
  expect((await server.request('GET', teamsPath(), { token: member.token })).status).toBe(401);
  expect((await server.request('GET', teamsPath(), { token: rotated })).status).toBe(200);
});

test('a deleted user is refused on the next request', async () => {
  const member = await newMember('agent');
  expect((await server.request('GET', '/api/v1/profile', { token: member.token })).status).toBe(200);
  const deleted = await server.request('DELETE', `/platform/api/v1/users/${member.id}`, {
    token: fixture.platformToken,
  });
  expect(deleted.status).toBe(200);
  expect((await server.request('GET', '/api/v1/profile', { token: member.token })).status).toBe(401);
});

test('a membership removed or a role lowered takes effect on the next request', async () => {
  const member = await newMember('administrator');
  const adminOnly = () => server.request('POST', teamsPath(), { token: member.token, body: { name: `t${member.id}` } });
  expect((await adminOnly()).status).toBe(200);

  const lowered = await server.request('PATCH', agentPath(member.id), {
    token: fixture.admin.token,
    body: { role: 'agent' },
  });
  expect(lowered.status).toBe(200);
  expect((await adminOnly()).status).toBe(401);
  expect((await server.request('GET', teamsPath(), { token: member.token })).status).toBe(200);

  expect((await server.request('DELETE', agentPath(member.id), { token: fixture.admin.token })).status).toBe(200);
  expect((await server.request('GET', teamsPath(), { token: member.token })).status).toBe(401);
});

test('a cached caller cannot be changed by the request that uses it', async () => {
  const member = await newMember('agent');
  const lookup = await server.services.callers.lookup();
  const caller = await lookup.findCaller(member.token);
  expect(caller?.kind).toBe('user');
  expect(() => {
    if (caller?.kind === 'user') caller.user.name = 'Changed';
  }).toThrow(TypeError);
});

describe('with a second process on the same database', () => {
  let other: { url: string; db: Database; server: Server };
  beforeAll(async () => {
    const db = connectDatabase(server.databaseUrl);
    const app = createApp({ container: createContainer({ db }), validateResponses: true });
    const listening = await new Promise<Server>((resolve) => {
      const started = app.listen(0, '127.0.0.1', () => resolve(started));
    });
    other = { url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`, db, server: listening };
  });
  afterAll(async () => {
    other.server.closeAllConnections();
    await new Promise<void>((resolve) => other.server.close(() => resolve()));
    await other.db.destroy();
  });

  const otherStatus = async (path: string, token: string) =>
    (await fetch(other.url + path, { headers: { api_access_token: token } })).status;

  test('a change made through one process is seen by the other on its next request', async () => {
    const member = await newMember('agent');
    expect(await otherStatus(teamsPath(), member.token)).toBe(200);
    expect(await otherStatus(teamsPath(), member.token)).toBe(200);

    expect((await server.request('DELETE', agentPath(member.id), { token: fixture.admin.token })).status).toBe(200);
    expect(await otherStatus(teamsPath(), member.token)).toBe(401);

    const deleted = await server.request('DELETE', `/platform/api/v1/users/${member.id}`, {
      token: fixture.platformToken,
    });
    expect(deleted.status).toBe(200);
    expect(await otherStatus('/api/v1/profile', member.token)).toBe(401);
  });
});
