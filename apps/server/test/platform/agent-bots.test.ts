import { startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let token: string;
let otherToken: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.createPlatformApp('Mine');
  otherToken = await server.createPlatformApp('Theirs');
});
afterAll(() => server.close());

const createBot = (body: unknown, as = token) =>
  server.request('POST', '/platform/api/v1/agent_bots', { token: as, body });

test('creates a bot available to every account, with its own token', async () => {
  const response = await createBot({
    name: 'Helper',
    description: 'Answers FAQs',
    outgoing_url: 'https://bot.example/in',
  });
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({
    name: 'Helper',
    description: 'Answers FAQs',
    outgoing_url: 'https://bot.example/in',
    account_id: null,
    bot_type: 'webhook',
  });
  expect(response.body.access_token).toMatch(/^\w{24}$/);
  const caller = await server.services.accessTokens.findCaller(response.body.access_token);
  expect(caller).toMatchObject({ kind: 'agentBot', agentBot: { id: response.body.id } });
});

test('creates a bot owned by one of its accounts', async () => {
  const account = await server.request('POST', '/platform/api/v1/accounts', { token, body: { name: 'Bots Inc' } });
  const response = await createBot({ name: 'Owned', account_id: account.body.id });
  expect(response.body.account_id).toBe(account.body.id);
});

test("refuses a bot for another app's account", async () => {
  const account = await server.request('POST', '/platform/api/v1/accounts', {
    token: otherToken,
    body: { name: 'Not yours' },
  });
  const response = await createBot({ name: 'Intruder', account_id: account.body.id });
  expect(response.status).toBe(401);
  expect(response.body.error).toBe('Non permissible resource');
});

test('refuses a bot for an account that does not exist, naming account_id', async () => {
  const response = await createBot({ name: 'Orphan', account_id: 999_999 });
  expect(response.status).toBe(422);
  expect(response.body.attributes).toEqual(['account_id']);
});

test.each([
  [{}, 'name'],
  [{ name: '' }, 'name'],
  [{ name: 'X', outgoing_url: 'not a url' }, 'outgoing_url'],
])('refuses %j naming %s', async (body, attribute) => {
  const response = await createBot(body);
  expect(response.status).toBe(422);
  expect(response.body.attributes).toContain(attribute);
});

test('lists only the bots this app created, oldest first', async () => {
  await createBot({ name: 'Foreign' }, otherToken);
  const listed = await server.request('GET', '/platform/api/v1/agent_bots', { token });
  const names = listed.body.map((bot: { name: string }) => bot.name);
  expect(names).toEqual(['Helper', 'Owned']);
});

test('updates only the fields given, and keeps the token', async () => {
  const bot = await createBot({ name: 'Old name', description: 'Keeps this' });
  const updated = await server.request('PATCH', `/platform/api/v1/agent_bots/${bot.body.id}`, {
    token,
    body: { name: 'New name', outgoing_url: 'https://bot.example/v2' },
  });
  expect(updated.status).toBe(200);
  expect(updated.body).toMatchObject({
    name: 'New name',
    description: 'Keeps this',
    outgoing_url: 'https://bot.example/v2',
    access_token: bot.body.access_token,
  });
});

test('refuses an update with a blank name, naming it', async () => {
  const bot = await createBot({ name: 'Valid' });
  const response = await server.request('PATCH', `/platform/api/v1/agent_bots/${bot.body.id}`, {
    token,
    body: { name: '' },
  });
  expect(response.status).toBe(422);
  expect(response.body.attributes).toEqual(['name']);
});

test('deletes the bot and its token', async () => {
  const bot = await createBot({ name: 'Short-lived' });
  expect((await server.request('DELETE', `/platform/api/v1/agent_bots/${bot.body.id}`, { token })).status).toBe(200);
  expect((await server.request('GET', `/platform/api/v1/agent_bots/${bot.body.id}`, { token })).status).toBe(404);
  expect(await server.services.accessTokens.findCaller(bot.body.access_token)).toBeUndefined();
});
