import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
let systemBot: { id: number; access_token: string };
let foreignBot: { id: number };
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
  systemBot = (await platformCreateBot({ name: 'System helper' })).body;
  foreignBot = (await platformCreateBot({ name: 'Foreign', account_id: fixture.otherAccountId })).body;
});
afterAll(() => server.close());

const botsPath = (accountId: number) => `/api/v1/accounts/${accountId}/agent_bots`;
const botPath = (id: number, accountId = fixture.accountId) => `${botsPath(accountId)}/${id}`;

function platformCreateBot(body: unknown) {
  return server.request('POST', '/platform/api/v1/agent_bots', { token: fixture.platformToken, body });
}

function createBot(body: unknown, token = fixture.admin.token) {
  return server.request('POST', botsPath(fixture.accountId), { token, body });
}

async function createdBot(name: string) {
  const response = await createBot({ name });
  if (response.status !== 200) throw new Error(`creating a bot answered ${response.status}`);
  return response.body as { id: number; access_token: string };
}

/** Connects the bot to a new API inbox of the account. */
async function connectToNewInbox(botId: number): Promise<number> {
  const asAdmin = { token: fixture.admin.token };
  const inboxesPath = `/api/v1/accounts/${fixture.accountId}/inboxes`;
  const inbox = await server.request('POST', inboxesPath, {
    ...asAdmin,
    body: { name: 'API', channel: { type: 'api' } },
  });
  const connected = await server.request('POST', `${inboxesPath}/${inbox.body.id}/set_agent_bot`, {
    ...asAdmin,
    body: { agent_bot: botId },
  });
  if (connected.status !== 200) throw new Error(`connecting the bot answered ${connected.status}`);
  return inbox.body.id;
}

describe('listing agent bots', () => {
  test("lists the account's own bots and the system bots by id, without the tokens, to an agent", async () => {
    const own = await createdBot('Own lister');
    const response = await server.request('GET', botsPath(fixture.accountId), { token: fixture.agent.token });
    expect(response.status).toBe(200);
    expect(response.body.map((bot: { id: number }) => bot.id)).toEqual([systemBot.id, own.id]);
    expect(response.body[1]).toEqual({
      id: own.id,
      name: 'Own lister',
      description: null,
      thumbnail: '',
      outgoing_url: null,
      bot_type: 'webhook',
      bot_config: {},
      account_id: fixture.accountId,
      system_bot: false,
    });
    expect(response.body[0]).toMatchObject({ name: 'System helper', account_id: null, system_bot: true });
    expect(response.body[0]).not.toHaveProperty('access_token');
  });

  test("shows administrators the tokens of the account's own bots but never a system bot's", async () => {
    const own = await createdBot('Own with token');
    const response = await server.request('GET', botsPath(fixture.accountId), { token: fixture.admin.token });
    const byId = new Map(response.body.map((bot: { id: number }) => [bot.id, bot]));
    expect(byId.get(own.id)).toMatchObject({ access_token: own.access_token });
    expect(byId.get(systemBot.id)).not.toHaveProperty('access_token');
    expect(byId.has(foreignBot.id)).toBe(false);
  });

  test('refuses a user of another account', async () => {
    const response = await server.request('GET', botsPath(fixture.accountId), { token: fixture.outsider.token });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to access this account');
  });

  test('answers 404 for an account that does not exist', async () => {
    const response = await server.request('GET', botsPath(999_999), { token: fixture.admin.token });
    expect(response.status).toBe(404);
  });
});

describe('creating an agent bot', () => {
  test('creates a bot owned by the account, with its token, for an administrator', async () => {
    const response = await createBot({
      name: 'Triage',
      description: 'Sorts new conversations',
      outgoing_url: 'https://bots.example/triage',
      bot_type: 'webhook',
      bot_config: { language: 'en', retries: 3 },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: expect.any(Number),
      name: 'Triage',
      description: 'Sorts new conversations',
      thumbnail: '',
      outgoing_url: 'https://bots.example/triage',
      bot_type: 'webhook',
      bot_config: { language: 'en', retries: 3 },
      account_id: fixture.accountId,
      system_bot: false,
      access_token: expect.stringMatching(/^\w{24}$/),
      secret: expect.stringMatching(/^\w{24}$/),
    });
    const fetched = await server.request('GET', botPath(response.body.id), { token: fixture.admin.token });
    expect(fetched.body).toEqual(response.body);
  });

  test("issues a token that authenticates as the bot and that these endpoints refuse as a bot's", async () => {
    const bot = await createdBot('Token bearer');
    const caller = await server.services.accessTokens.findCaller(bot.access_token);
    expect(caller).toMatchObject({ kind: 'agentBot', agentBot: { id: bot.id, account_id: fixture.accountId } });
    const refused = [
      await server.request('GET', botsPath(fixture.accountId), { token: bot.access_token }),
      await server.request('GET', botPath(bot.id), { token: bot.access_token }),
      await server.request('PATCH', botPath(bot.id), { token: bot.access_token, body: { name: 'Self' } }),
      await server.request('DELETE', botPath(bot.id), { token: bot.access_token }),
    ];
    for (const response of refused) {
      expect([response.status, response.body.error]).toEqual([
        401,
        'Access to this endpoint is not authorized for bots',
      ]);
    }
  });

  test('refuses an agent', async () => {
    const response = await createBot({ name: 'Agent made' }, fixture.agent.token);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
  });

  test('refuses a user of another account', async () => {
    const response = await createBot({ name: 'Outsider made' }, fixture.outsider.token);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to access this account');
  });

  test.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 'X', outgoing_url: 'not a url' }, 'outgoing_url'],
    [{ name: 'X', bot_type: 'csml' }, 'bot_type'],
    [{ name: 'X', bot_config: 'verbose' }, 'bot_config'],
  ])('refuses %j naming %s', async (body, attribute) => {
    const response = await createBot(body);
    expect(response.status).toBe(422);
    expect(response.body.attributes).toContain(attribute);
  });
});

describe('getting an agent bot', () => {
  test('shows an own bot with its token to an administrator and without it to an agent', async () => {
    const bot = await createdBot('Shown');
    const asAdmin = await server.request('GET', botPath(bot.id), { token: fixture.admin.token });
    const asAgent = await server.request('GET', botPath(bot.id), { token: fixture.agent.token });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toMatchObject({ id: bot.id, name: 'Shown', access_token: bot.access_token });
    expect(asAgent.status).toBe(200);
    expect(asAgent.body).toMatchObject({ id: bot.id, name: 'Shown' });
    expect(asAgent.body).not.toHaveProperty('access_token');
  });

  test('shows a system bot without its token, even to an administrator', async () => {
    const response = await server.request('GET', botPath(systemBot.id), { token: fixture.admin.token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: systemBot.id, account_id: null, system_bot: true });
    expect(response.body).not.toHaveProperty('access_token');
  });

  test("answers 404 for another account's bot and for an unknown id", async () => {
    const foreign = await server.request('GET', botPath(foreignBot.id), { token: fixture.admin.token });
    const unknown = await server.request('GET', botPath(999_999), { token: fixture.admin.token });
    expect([foreign.status, foreign.body.error]).toEqual([404, 'Resource could not be found']);
    expect(unknown.status).toBe(404);
  });

  test('refuses a user of another account', async () => {
    const response = await server.request('GET', botPath(systemBot.id), { token: fixture.outsider.token });
    expect(response.status).toBe(401);
  });
});

describe('updating an agent bot', () => {
  test('changes only the fields given and keeps the token', async () => {
    const created = await createBot({
      name: 'Before',
      description: 'Kept',
      outgoing_url: 'https://bots.example/v1',
      bot_config: { mode: 'old', extra: true },
    });
    const response = await server.request('PATCH', botPath(created.body.id), {
      token: fixture.admin.token,
      body: { name: 'After', outgoing_url: 'https://bots.example/v2', bot_config: { mode: 'new' } },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ...created.body,
      name: 'After',
      outgoing_url: 'https://bots.example/v2',
      bot_config: { mode: 'new' },
    });
    const fetched = await server.request('GET', botPath(created.body.id), { token: fixture.admin.token });
    expect(fetched.body).toEqual(response.body);
  });

  test('clears the description and the outgoing URL when given null', async () => {
    const created = await createBot({ name: 'Clearable', description: 'Gone', outgoing_url: 'https://bots.example' });
    const response = await server.request('PATCH', botPath(created.body.id), {
      token: fixture.admin.token,
      body: { description: null, outgoing_url: null },
    });
    expect(response.body).toMatchObject({ name: 'Clearable', description: null, outgoing_url: null });
  });

  test("answers 404 for a system bot and for another account's bot, changing neither", async () => {
    for (const id of [systemBot.id, foreignBot.id]) {
      const response = await server.request('PATCH', botPath(id), {
        token: fixture.admin.token,
        body: { name: 'Hijacked' },
      });
      expect([response.status, response.body.error]).toEqual([404, 'Resource could not be found']);
    }
    const stored = await server.db('agent_bots').whereIn('id', [systemBot.id, foreignBot.id]).orderBy('id');
    expect(stored.map((bot: { name: string }) => bot.name)).toEqual(['System helper', 'Foreign']);
  });

  test('refuses an agent', async () => {
    const bot = await createdBot('Agent proof');
    const response = await server.request('PATCH', botPath(bot.id), {
      token: fixture.agent.token,
      body: { name: 'Changed by agent' },
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
  });

  test('refuses a user of another account', async () => {
    const bot = await createdBot('Outsider proof');
    const response = await server.request('PATCH', botPath(bot.id), {
      token: fixture.outsider.token,
      body: { name: 'Changed by outsider' },
    });
    expect(response.status).toBe(401);
  });

  test.each([
    [{ name: '' }, 'name'],
    [{ outgoing_url: 'nowhere' }, 'outgoing_url'],
    [{ bot_config: [1, 2] }, 'bot_config'],
  ])('refuses %j naming %s', async (body, attribute) => {
    const bot = await createdBot('Validated');
    const response = await server.request('PATCH', botPath(bot.id), { token: fixture.admin.token, body });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toContain(attribute);
  });
});

describe('deleting an agent bot', () => {
  test('deletes the bot, revokes its token and disconnects it from its inboxes', async () => {
    const bot = await createdBot('Doomed');
    const inboxId = await connectToNewInbox(bot.id);
    const response = await server.request('DELETE', botPath(bot.id), { token: fixture.admin.token });
    expect(response.status).toBe(200);
    expect(response.body).toBeUndefined();
    expect((await server.request('GET', botPath(bot.id), { token: fixture.admin.token })).status).toBe(404);
    expect(await server.services.accessTokens.findCaller(bot.access_token)).toBeUndefined();
    const inboxBot = await server.request('GET', `/api/v1/accounts/${fixture.accountId}/inboxes/${inboxId}/agent_bot`, {
      token: fixture.admin.token,
    });
    expect(inboxBot.status).toBe(200);
    expect(inboxBot.body).toEqual({ agent_bot: {} });
  });

  test("drops a platform app's claim on a bot it provisioned for the account", async () => {
    const provisioned = await platformCreateBot({ name: 'Provisioned', account_id: fixture.accountId });
    const response = await server.request('DELETE', botPath(provisioned.body.id), { token: fixture.admin.token });
    expect(response.status).toBe(200);
    const claims = await server
      .db('platform_app_permissibles')
      .where({ permissible_type: 'AgentBot', permissible_id: provisioned.body.id });
    expect(claims).toEqual([]);
  });

  test("answers 404 for a system bot and for another account's bot, deleting neither", async () => {
    for (const id of [systemBot.id, foreignBot.id]) {
      const response = await server.request('DELETE', botPath(id), { token: fixture.admin.token });
      expect(response.status).toBe(404);
    }
    expect(await server.db('agent_bots').whereIn('id', [systemBot.id, foreignBot.id])).toHaveLength(2);
    expect(await server.services.accessTokens.findCaller(systemBot.access_token)).toBeDefined();
  });

  test('refuses an agent', async () => {
    const bot = await createdBot('Kept from agents');
    const response = await server.request('DELETE', botPath(bot.id), { token: fixture.agent.token });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
    expect((await server.request('GET', botPath(bot.id), { token: fixture.agent.token })).status).toBe(200);
  });

  test('refuses a user of another account', async () => {
    const bot = await createdBot('Kept from outsiders');
    const response = await server.request('DELETE', botPath(bot.id), { token: fixture.outsider.token });
    expect(response.status).toBe(401);
  });
});
