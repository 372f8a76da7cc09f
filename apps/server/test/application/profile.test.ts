import { startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let platformToken: string;
let user: { id: number; access_token: string };
let accountId: number;
beforeAll(async () => {
  server = await startTestServer();
  platformToken = await server.createPlatformApp();
  const token = platformToken;
  accountId = (await server.request('POST', '/platform/api/v1/accounts', { token, body: { name: 'Acme' } })).body.id;
  user = (
    await server.request('POST', '/platform/api/v1/users', {
      token,
      body: { name: 'Agent Smith', email: 'smith@example.com' },
    })
  ).body;
  await server.request('POST', `/platform/api/v1/accounts/${accountId}/account_users`, {
    token,
    body: { user_id: user.id, role: 'agent' },
  });
});
afterAll(() => server.close());

test('shows the signed-in user with their accounts and token', async () => {
  const response = await server.request('GET', '/api/v1/profile', { token: user.access_token });
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({
    id: user.id,
    email: 'smith@example.com',
    access_token: user.access_token,
    account_id: accountId,
    role: 'agent',
    accounts: [{ id: accountId, name: 'Acme', role: 'agent', status: 'active', active_at: null }],
  });
});

test('accepts the token as a bearer token', async () => {
  const response = await server.request('GET', '/api/v1/profile', {
    headers: { authorization: `Bearer ${user.access_token}` },
  });
  expect(response.status).toBe(200);
  expect(response.body.id).toBe(user.id);
});

test('refuses a request without a token', async () => {
  const response = await server.request('GET', '/api/v1/profile');
  expect(response.status).toBe(401);
  expect(response.body).toEqual({ error: 'Invalid Access Token', code: 'INVALID_ACCESS_TOKEN' });
});

test('refuses a platform-app token', async () => {
  const response = await server.request('GET', '/api/v1/profile', { token: platformToken });
  expect(response.status).toBe(401);
  expect(response.body.error).toBe('Invalid Access Token');
});

test('refuses an agent bot token as the reference does', async () => {
  const bot = await server.request('POST', '/platform/api/v1/agent_bots', {
    token: platformToken,
    body: { name: 'Bot' },
  });
  const response = await server.request('GET', '/api/v1/profile', { token: bot.body.access_token });
  expect(response.status).toBe(401);
  expect(response.body.error).toBe('Access to this endpoint is not authorized for bots');
});
