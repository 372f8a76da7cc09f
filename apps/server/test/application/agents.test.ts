import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';
import { accessTokenOf, addAgent, agentsPath, freshEmail } from './new-agents';

let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

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

describe('adding an agent', () => {
  test('creates an unconfirmed user with the role, availability and auto-offline given, invited by the caller', async () => {
    const email = freshEmail();
    const response = await server.request('POST', agentsPath(fixture.accountId), {
      token: fixture.admin.token,
      body: {
        name: 'Sam Rivera',
        email: email.toUpperCase(),
        role: 'administrator',
        availability_status: 'busy',
        auto_offline: false,
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: expect.any(Number),
      uid: email,
      name: 'Sam Rivera',
      display_name: null,
      available_name: 'Sam Rivera',
      email,
      account_id: fixture.accountId,
      role: 'administrator',
      confirmed: false,
      availability_status: 'busy',
      auto_offline: false,
      thumbnail: '',
      custom_attributes: {},
    });
    const membership = await server
      .db('account_users')
      .where({ account_id: fixture.accountId, user_id: response.body.id })
      .first();
    expect(membership?.inviter_id).toBe(fixture.admin.id);
  });

  test('gives the new user a working access token and a pubsub token', async () => {
    const agent = await addAgent(server, fixture);
    const profile = await server.request('GET', '/api/v1/profile', { token: await accessTokenOf(server, agent.id) });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({
      id: agent.id,
      confirmed: false,
      account_id: fixture.accountId,
      role: 'agent',
    });
    expect(profile.body.pubsub_token).toEqual(expect.any(String));
    expect(profile.body.pubsub_token).not.toBe('');
  });

  test('defaults to an online agent who goes offline automatically, and takes available for online', async () => {
    const defaults = await addAgent(server, fixture);
    const available = await addAgent(server, fixture, { availability_status: 'available' });
    expect(defaults).toMatchObject({ role: 'agent', availability_status: 'online', auto_offline: true });
    expect(available).toMatchObject({ availability_status: 'online' });
  });

  test('reuses the existing user with this email, whatever its case, keeping their name', async () => {
    const account = await createAccountFixture(server);
    const response = await server.request('POST', agentsPath(account.accountId), {
      token: account.admin.token,
      body: { name: 'Another Name', email: fixture.outsider.email.toUpperCase() },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: fixture.outsider.id, name: 'outsider', confirmed: true });
    expect(await server.db('users').where({ email: fixture.outsider.email }).count({ count: '*' })).toEqual([
      { count: 1 },
    ]);
    const otherAccount = await server.request('GET', agentsPath(fixture.otherAccountId), {
      token: fixture.outsider.token,
    });
    expect(otherAccount.status).toBe(200);
  });

  test('refuses a user who is already a member, naming email', async () => {
    const response = await server.request('POST', agentsPath(fixture.accountId), {
      token: fixture.admin.token,
      body: { name: 'Agent', email: fixture.agent.email },
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ attributes: ['email'], code: 'VALIDATION_FAILED' });
    expect(response.body.message).toContain('already a member');
  });

  test('refuses an agent', async () => {
    const response = await server.request('POST', agentsPath(fixture.accountId), {
      token: fixture.agent.token,
      body: { name: 'New Agent', email: freshEmail() },
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
  });

  test('refuses a user of another account', async () => {
    const response = await server.request('POST', agentsPath(fixture.accountId), {
      token: fixture.outsider.token,
      body: { name: 'New Agent', email: freshEmail() },
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to access this account');
  });

  test.each([
    [{ name: 'No Email' }, 'email'],
    [{ email: 'no-name@example.com' }, 'name'],
    [{ name: 'Bad Email', email: 'not-an-email' }, 'email'],
    [{ name: 'Bad Role', email: 'bad-role@example.com', role: 'owner' }, 'role'],
    [{ name: 'Bad Status', email: 'bad-status@example.com', availability_status: 'away' }, 'availability_status'],
    [
      { name: 'Two', email: 'two@example.com', availability: 'busy', availability_status: 'offline' },
      'availability_status',
    ],
  ])('refuses %j naming %s', async (body, attribute) => {
    const response = await server.request('POST', agentsPath(fixture.accountId), { token: fixture.admin.token, body });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toContain(attribute);
  });
});

test('answers 4xx naming the parameter for an id beyond the 32-bit range', async () => {
  const response = await server.request('GET', '/api/v1/accounts/99999999999/agents', { token: fixture.admin.token });
  expect(response.status).toBe(422);
  expect(response.body.attributes).toEqual(['account_id']);
});
