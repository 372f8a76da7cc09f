import { startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.createPlatformApp();
});
afterAll(() => server.close());

const createAccount = (body: unknown) => server.request('POST', '/platform/api/v1/accounts', { token, body });

describe('platformCreateAccount', () => {
  test('creates an active English account with defaults', async () => {
    const response = await createAccount({ name: 'Acme' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Acme',
      locale: 'en',
      status: 'active',
      domain: null,
      support_email: null,
      custom_attributes: {},
      limits: {},
    });
    expect(Number.isInteger(response.body.id)).toBe(true);
    expect(Number.isInteger(response.body.created_at)).toBe(true);
  });

  test('keeps every field given', async () => {
    const body = {
      name: 'Globex',
      locale: 'pt_BR',
      domain: 'globex.example',
      support_email: 'help@globex.example',
      status: 'suspended',
      custom_attributes: { plan: 'pro', seats: 4 },
      limits: { agents: 5 },
    };
    const created = await createAccount(body);
    const fetched = await server.request('GET', `/platform/api/v1/accounts/${created.body.id}`, { token });
    expect(fetched.body).toMatchObject(body);
  });

  test.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 42 }, 'name'],
    [{ name: 'X', status: 'closed' }, 'status'],
    [{ name: 'X', support_email: 'not-an-email' }, 'support_email'],
    [{ name: 'X', limits: { agents: 'many' } }, 'limits.agents'],
  ])('refuses %j naming %s', async (body, attribute) => {
    const response = await createAccount(body);
    expect(response.status).toBe(422);
    expect(response.body.attributes).toContain(attribute);
    expect(response.body.message).toContain(attribute);
  });
});

describe('platformUpdateAccount', () => {
  test('changes only the fields given', async () => {
    const created = await createAccount({ name: 'Before', domain: 'before.example' });
    const updated = await server.request('PATCH', `/platform/api/v1/accounts/${created.body.id}`, {
      token,
      body: { name: 'After' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'After', domain: 'before.example' });
    const fetched = await server.request('GET', `/platform/api/v1/accounts/${created.body.id}`, { token });
    expect(fetched.body.name).toBe('After');
  });

  test('refuses an invalid locale naming it', async () => {
    const created = await createAccount({ name: 'Locale' });
    const response = await server.request('PATCH', `/platform/api/v1/accounts/${created.body.id}`, {
      token,
      body: { locale: 'english please' },
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['locale']);
  });
});

describe('platformDeleteAccount', () => {
  test('deletes the account, its memberships and its bots, and keeps its users', async () => {
    const account = await createAccount({ name: 'Doomed' });
    const user = await server.request('POST', '/platform/api/v1/users', {
      token,
      body: { name: 'Stays', email: 'stays@example.com' },
    });
    await server.request('POST', `/platform/api/v1/accounts/${account.body.id}/account_users`, {
      token,
      body: { user_id: user.body.id, role: 'agent' },
    });
    const bot = await server.request('POST', '/platform/api/v1/agent_bots', {
      token,
      body: { name: 'Owned', account_id: account.body.id },
    });

    const deleted = await server.request('DELETE', `/platform/api/v1/accounts/${account.body.id}`, { token });
    expect(deleted.status).toBe(200);

    expect((await server.request('GET', `/platform/api/v1/accounts/${account.body.id}`, { token })).status).toBe(404);
    expect((await server.request('GET', `/platform/api/v1/agent_bots/${bot.body.id}`, { token })).status).toBe(404);
    const survivor = await server.request('GET', `/platform/api/v1/users/${user.body.id}`, { token });
    expect(survivor.status).toBe(200);
    expect(survivor.body.accounts).toEqual([]);
    expect(await server.services.accessTokens.findCaller(bot.body.access_token)).toBeUndefined();
  });
});
