import { createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let token: string;
let accountId: number;
let userId: number;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.createPlatformApp();
  accountId = (await server.request('POST', '/platform/api/v1/accounts', { token, body: { name: 'Team' } })).body.id;
  userId = (
    await server.request('POST', '/platform/api/v1/users', { token, body: { name: 'Ann', email: 'ann@example.com' } })
  ).body.id;
});
afterAll(() => server.close());

const path = () => `/platform/api/v1/accounts/${accountId}/account_users`;

test('adds a user, then changes the role instead of adding twice', async () => {
  const added = await server.request('POST', path(), { token, body: { user_id: userId, role: 'agent' } });
  expect(added.status).toBe(200);
  expect(added.body).toMatchObject({ account_id: accountId, user_id: userId, role: 'agent', inviter_id: null });

  const promoted = await server.request('POST', path(), { token, body: { user_id: userId, role: 'administrator' } });
  expect(promoted.body).toMatchObject({ id: added.body.id, role: 'administrator' });

  const listed = await server.request('GET', path(), { token });
  expect(listed.status).toBe(200);
  expect(listed.body).toEqual([expect.objectContaining({ user_id: userId, role: 'administrator' })]);
});

test('the user sees the account with the role', async () => {
  const user = await server.request('GET', `/platform/api/v1/users/${userId}`, { token });
  expect(user.body).toMatchObject({ account_id: accountId, role: 'administrator' });
  expect(user.body.accounts).toEqual([expect.objectContaining({ id: accountId, name: 'Team', role: 'administrator' })]);
});

test.each([
  [{ role: 'agent' }, 'user_id'],
  [{ user_id: 1 }, 'role'],
  [{ user_id: 1, role: 'owner' }, 'role'],
  [{ user_id: 'one', role: 'agent' }, 'user_id'],
])('refuses %j naming %s', async (body, attribute) => {
  const response = await server.request('POST', path(), { token, body });
  expect(response.status).toBe(422);
  expect(response.body.attributes).toContain(attribute);
});

test('answers 404 for a user that does not exist', async () => {
  const response = await server.request('POST', path(), { token, body: { user_id: 999_999, role: 'agent' } });
  expect(response.status).toBe(404);
});

test('removes the membership, then answers 404 for it', async () => {
  const removed = await server.request('DELETE', path(), { token, body: { user_id: userId } });
  expect(removed.status).toBe(200);
  expect((await server.request('GET', path(), { token })).body).toEqual([]);
  const again = await server.request('DELETE', path(), { token, body: { user_id: userId } });
  expect(again.status).toBe(404);
});

test('refuses a removal without user_id naming it', async () => {
  const response = await server.request('DELETE', path(), { token, body: {} });
  expect(response.status).toBe(422);
  expect(response.body.attributes).toEqual(['user_id']);
});

test("removing a membership also removes the user's team memberships in that account", async () => {
  const fixture = await createAccountFixture(server);
  const asAdmin = { token: fixture.admin.token };
  const teamsPath = `/api/v1/accounts/${fixture.accountId}/teams`;
  const team = await server.request('POST', teamsPath, { ...asAdmin, body: { name: 'Billing' } });
  await server.request('POST', `${teamsPath}/${team.body.id}/team_members`, {
    ...asAdmin,
    body: { user_ids: [fixture.agent.id] },
  });

  const removed = await server.request('DELETE', `/platform/api/v1/accounts/${fixture.accountId}/account_users`, {
    token: fixture.platformToken,
    body: { user_id: fixture.agent.id },
  });
  expect(removed.status).toBe(200);
  const rejoined = await server.request('POST', `/platform/api/v1/accounts/${fixture.accountId}/account_users`, {
    token: fixture.platformToken,
    body: { user_id: fixture.agent.id, role: 'agent' },
  });
  expect(rejoined.status).toBe(200);
  const members = await server.request('GET', `${teamsPath}/${team.body.id}/team_members`, asAdmin);
  expect(members.body).toEqual([]);
});
