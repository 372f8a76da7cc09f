import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

const agentsPath = (accountId: number) => `/api/v1/accounts/${accountId}/agents`;

describe('listing agents', () => {
  test('lists every member of the account as an agent, to any member', async () => {
    const response = await server.request('GET', agentsPath(fixture.accountId), { token: fixture.agent.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      expect.objectContaining({
        id: fixture.admin.id,
        email: fixture.admin.email,
        uid: fixture.admin.email,
        account_id: fixture.accountId,
        role: 'administrator',
        availability_status: 'online',
        auto_offline: true,
        confirmed: true,
      }),
      expect.objectContaining({ id: fixture.agent.id, role: 'agent' }),
    ]);
  });

  test('refuses a user of another account', async () => {
    const response = await server.request('GET', agentsPath(fixture.accountId), { token: fixture.outsider.token });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to access this account');
  });

  test('answers 404 for an account that does not exist', async () => {
    const response = await server.request('GET', agentsPath(999_999), { token: fixture.admin.token });
    expect(response.status).toBe(404);
  });

  test('refuses a missing token and a platform token', async () => {
    const anonymous = await server.request('GET', agentsPath(fixture.accountId));
    const platform = await server.request('GET', agentsPath(fixture.accountId), { token: fixture.platformToken });
    expect([anonymous.status, anonymous.body.error]).toEqual([401, 'Invalid Access Token']);
    expect([platform.status, platform.body.error]).toEqual([401, 'Invalid Access Token']);
  });

  test('refuses an agent bot token as the reference does', async () => {
    const bot = await server.request('POST', '/platform/api/v1/agent_bots', {
      token: fixture.platformToken,
      body: { name: 'Bot', account_id: fixture.accountId },
    });
    const response = await server.request('GET', agentsPath(fixture.accountId), { token: bot.body.access_token });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('Access to this endpoint is not authorized for bots');
  });

  test('refuses the members of a suspended account', async () => {
    const suspended = await createAccountFixture(server);
    await server.request('PATCH', `/platform/api/v1/accounts/${suspended.accountId}`, {
      token: suspended.platformToken,
      body: { status: 'suspended' },
    });
    const response = await server.request('GET', agentsPath(suspended.accountId), { token: suspended.admin.token });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('Account is suspended');
  });
});
