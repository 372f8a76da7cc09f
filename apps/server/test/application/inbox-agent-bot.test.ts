import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
let memberInboxId: number;
let foreignInboxId: number;

const accountPath = (accountId = fixture.accountId) => `/api/v1/accounts/${accountId}`;
const botPath = (inboxId: number) => `${accountPath()}/inboxes/${inboxId}/agent_bot`;
const setBotPath = (inboxId: number) => `${accountPath()}/inboxes/${inboxId}/set_agent_bot`;

async function createInbox(name: string, accountId = fixture.accountId, token = fixture.admin.token): Promise<number> {
  const response = await server.request('POST', `${accountPath(accountId)}/inboxes`, {
    token,
    body: { name, channel: { type: 'api' } },
  });
  return response.body.id;
}

/** A bot through the platform API: the account's own with `accountId`, a system bot without. */
async function createBot(name: string, accountId?: number): Promise<{ id: number; access_token: string }> {
  const response = await server.request('POST', '/platform/api/v1/agent_bots', {
    token: fixture.platformToken,
    body: { name, outgoing_url: 'https://bots.example.com/hook', ...(accountId && { account_id: accountId }) },
  });
  return response.body;
}

function setBot(inboxId: number, agentBot: unknown, token = fixture.admin.token) {
  return server.request('POST', setBotPath(inboxId), { token, body: { agent_bot: agentBot } });
}

beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
  memberInboxId = await createInbox('Agent works here');
  await server.request('POST', `${accountPath()}/inbox_members`, {
    token: fixture.admin.token,
    body: { inbox_id: memberInboxId, user_ids: [fixture.agent.id] },
  });
  foreignInboxId = await createInbox('Foreign', fixture.otherAccountId, fixture.outsider.token);
});
afterAll(() => server.close());

describe('getting the agent bot of an inbox', () => {
  test('answers an empty agent_bot when the inbox has none', async () => {
    const inboxId = await createInbox('No bot');
    const response = await server.request('GET', botPath(inboxId), { token: fixture.admin.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ agent_bot: {} });
  });

  test('shows an administrator the account bot with its token', async () => {
    const bot = await createBot('Own bot', fixture.accountId);
    const inboxId = await createInbox('With bot');
    await setBot(inboxId, bot.id);
    const response = await server.request('GET', botPath(inboxId), { token: fixture.admin.token });
    expect(response.status).toBe(200);
    expect(response.body.agent_bot).toEqual({
      id: bot.id,
      name: 'Own bot',
      description: null,
      thumbnail: '',
      outgoing_url: 'https://bots.example.com/hook',
      bot_type: 'webhook',
      bot_config: {},
      account_id: fixture.accountId,
      system_bot: false,
      access_token: bot.access_token,
      secret: expect.stringMatching(/^\w{24}$/),
    });
  });

  test('shows an agent member the bot without its token', async () => {
    const bot = await createBot('Seen by agent', fixture.accountId);
    await setBot(memberInboxId, bot.id);
    const response = await server.request('GET', botPath(memberInboxId), { token: fixture.agent.token });
    expect(response.status).toBe(200);
    expect(response.body.agent_bot).toMatchObject({ id: bot.id, name: 'Seen by agent' });
    expect(response.body.agent_bot.access_token).toBeUndefined();
  });

  test('refuses an agent who is not a member of the inbox', async () => {
    const inboxId = await createInbox('Closed to agent');
    const response = await server.request('GET', botPath(inboxId), { token: fixture.agent.token });
    expect([response.status, response.body.error]).toEqual([401, 'You are not authorized to do this action']);
  });

  test('answers 404 for an inbox of another account', async () => {
    const response = await server.request('GET', botPath(foreignInboxId), { token: fixture.admin.token });
    expect(response.status).toBe(404);
  });

  test('refuses a user of another account', async () => {
    const response = await server.request('GET', botPath(memberInboxId), { token: fixture.outsider.token });
    expect(response.status).toBe(401);
  });
});

describe('setting the agent bot of an inbox', () => {
  test('attaches a system bot, whose token is never shown', async () => {
    const bot = await createBot('System bot');
    const inboxId = await createInbox('System bot inbox');
    const response = await setBot(inboxId, bot.id);
    expect(response.status).toBe(200);
    expect(response.body).toBeUndefined();
    const shown = await server.request('GET', botPath(inboxId), { token: fixture.admin.token });
    expect(shown.body.agent_bot).toMatchObject({ id: bot.id, account_id: null, system_bot: true });
    expect(shown.body.agent_bot.access_token).toBeUndefined();
  });

  test('keeps one bot per inbox: a new bot replaces the old one', async () => {
    const first = await createBot('First', fixture.accountId);
    const second = await createBot('Second', fixture.accountId);
    const inboxId = await createInbox('Replaced bot');
    await setBot(inboxId, first.id);
    await setBot(inboxId, second.id);
    const shown = await server.request('GET', botPath(inboxId), { token: fixture.admin.token });
    expect(shown.body.agent_bot.id).toBe(second.id);
    expect(await server.db('agent_bot_inboxes').where({ inbox_id: inboxId }).count({ count: '*' })).toEqual([
      { count: 1 },
    ]);
  });

  test('detaches the bot with null', async () => {
    const bot = await createBot('Detached', fixture.accountId);
    const inboxId = await createInbox('Detach');
    await setBot(inboxId, bot.id);
    const response = await setBot(inboxId, null);
    const again = await setBot(inboxId, null);
    expect(response.status).toBe(200);
    expect(again.status).toBe(200);
    const shown = await server.request('GET', botPath(inboxId), { token: fixture.admin.token });
    expect(shown.body).toEqual({ agent_bot: {} });
  });

  test("answers 404 for another account's bot or an unknown one, and keeps the current bot", async () => {
    const own = await createBot('Kept', fixture.accountId);
    const foreign = await createBot('Foreign bot', fixture.otherAccountId);
    const inboxId = await createInbox('Guarded');
    await setBot(inboxId, own.id);
    const foreignResponse = await setBot(inboxId, foreign.id);
    const unknownResponse = await setBot(inboxId, 999_999);
    expect([foreignResponse.status, foreignResponse.body.error]).toEqual([404, 'Resource could not be found']);
    expect(unknownResponse.status).toBe(404);
    const shown = await server.request('GET', botPath(inboxId), { token: fixture.admin.token });
    expect(shown.body.agent_bot.id).toBe(own.id);
  });

  test('answers 404 for an inbox of another account', async () => {
    const bot = await createBot('Wandering', fixture.accountId);
    const response = await setBot(foreignInboxId, bot.id);
    expect(response.status).toBe(404);
  });

  test('refuses a bot id that is not a number, and a missing one, naming agent_bot', async () => {
    const inboxId = await createInbox('Typed bot');
    const text = await setBot(inboxId, 'seven');
    const missing = await server.request('POST', setBotPath(inboxId), { token: fixture.admin.token, body: {} });
    expect([text.status, text.body.attributes]).toEqual([422, ['agent_bot']]);
    expect([missing.status, missing.body.attributes]).toEqual([422, ['agent_bot']]);
  });

  test('refuses an agent, even a member of the inbox', async () => {
    const response = await setBot(memberInboxId, null, fixture.agent.token);
    expect([response.status, response.body.error]).toEqual([401, 'You are not authorized to do this action']);
  });

  test('refuses a user of another account', async () => {
    const response = await setBot(memberInboxId, null, fixture.outsider.token);
    expect([response.status, response.body.error]).toEqual([401, 'You are not authorized to access this account']);
  });
});
