import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
let secondAgentId: number;
let foreignInboxId: number;

const accountPath = (accountId = fixture.accountId) => `/api/v1/accounts/${accountId}`;
const membersPath = () => `${accountPath()}/inbox_members`;
const membersOfPath = (inboxId: number) => `${membersPath()}/${inboxId}`;

async function createInbox(name: string, accountId = fixture.accountId, token = fixture.admin.token): Promise<number> {
  const response = await server.request('POST', `${accountPath(accountId)}/inboxes`, {
    token,
    body: { name, channel: { type: 'api' } },
  });
  return response.body.id;
}

function change(method: string, body: unknown, token = fixture.admin.token) {
  return server.request(method, membersPath(), { token, body });
}

async function memberIds(inboxId: number): Promise<number[]> {
  const response = await server.request('GET', membersOfPath(inboxId), { token: fixture.admin.token });
  return response.body.payload.map((agent: { id: number }) => agent.id);
}

beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
  const user = await server.request('POST', '/platform/api/v1/users', {
    token: fixture.platformToken,
    body: { name: 'Second agent', email: `second-${process.pid}@example.com` },
  });
  secondAgentId = user.body.id;
  await server.request('POST', `/platform/api/v1/accounts/${fixture.accountId}/account_users`, {
    token: fixture.platformToken,
    body: { user_id: secondAgentId, role: 'agent' },
  });
  foreignInboxId = await createInbox('Foreign', fixture.otherAccountId, fixture.outsider.token);
});
afterAll(() => server.close());

describe('listing the agents of an inbox', () => {
  test('gives an administrator the members as agents, in the payload envelope', async () => {
    const inboxId = await createInbox('Listed');
    await change('POST', { inbox_id: inboxId, user_ids: [fixture.agent.id] });
    const response = await server.request('GET', membersOfPath(inboxId), { token: fixture.admin.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      payload: [
        expect.objectContaining({
          id: fixture.agent.id,
          email: fixture.agent.email,
          account_id: fixture.accountId,
          role: 'agent',
          availability_status: 'online',
        }),
      ],
    });
  });

  test('lets an agent who is a member list the inbox, and refuses one who is not', async () => {
    const inboxId = await createInbox('Agent view');
    const before = await server.request('GET', membersOfPath(inboxId), { token: fixture.agent.token });
    await change('POST', { inbox_id: inboxId, user_ids: [fixture.agent.id] });
    const after = await server.request('GET', membersOfPath(inboxId), { token: fixture.agent.token });
    expect([before.status, before.body.error]).toEqual([401, 'You are not authorized to do this action']);
    expect(after.status).toBe(200);
  });

  test('answers 404 for an inbox of another account', async () => {
    const response = await server.request('GET', membersOfPath(foreignInboxId), { token: fixture.admin.token });
    expect(response.status).toBe(404);
  });

  test('refuses a user of another account', async () => {
    const inboxId = await createInbox('Private');
    const response = await server.request('GET', membersOfPath(inboxId), { token: fixture.outsider.token });
    expect(response.status).toBe(401);
  });
});

describe('adding agents to an inbox', () => {
  test('adds the users, keeps those already members, and answers with every member', async () => {
    const inboxId = await createInbox('Growing');
    await change('POST', { inbox_id: inboxId, user_ids: [fixture.agent.id] });
    const response = await change('POST', { inbox_id: inboxId, user_ids: [fixture.agent.id, secondAgentId] });
    expect(response.status).toBe(200);
    expect(response.body.payload.map((agent: { id: number }) => agent.id)).toEqual([fixture.agent.id, secondAgentId]);
    expect(response.body.payload[1]).toMatchObject({ name: 'Second agent', role: 'agent' });
  });

  test('accepts the inbox id as a string of digits', async () => {
    const inboxId = await createInbox('String id');
    const response = await change('POST', { inbox_id: String(inboxId), user_ids: [fixture.admin.id] });
    expect(response.status).toBe(200);
    expect(await memberIds(inboxId)).toEqual([fixture.admin.id]);
  });

  test('gives the new members access to the inbox', async () => {
    const inboxId = await createInbox('Now visible');
    await change('POST', { inbox_id: inboxId, user_ids: [fixture.agent.id] });
    const response = await server.request('GET', `${accountPath()}/inboxes`, { token: fixture.agent.token });
    expect(response.body.payload.map((inbox: { id: number }) => inbox.id)).toContain(inboxId);
  });

  test('refuses a user who is not a member of the account, and adds nobody', async () => {
    const inboxId = await createInbox('Strangers');
    const response = await change('POST', { inbox_id: inboxId, user_ids: [fixture.agent.id, fixture.outsider.id] });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['user_ids']);
    expect(await memberIds(inboxId)).toEqual([]);
  });

  test('refuses an empty list and a missing inbox, naming them', async () => {
    const inboxId = await createInbox('Bad input');
    const empty = await change('POST', { inbox_id: inboxId, user_ids: [] });
    const missing = await change('POST', { user_ids: [fixture.agent.id] });
    expect([empty.status, empty.body.attributes]).toEqual([422, ['user_ids']]);
    expect([missing.status, missing.body.attributes]).toEqual([422, ['inbox_id']]);
  });

  test('answers 404 for an inbox of another account or an unknown one', async () => {
    const foreign = await change('POST', { inbox_id: foreignInboxId, user_ids: [fixture.agent.id] });
    const unknown = await change('POST', { inbox_id: '99999999', user_ids: [fixture.agent.id] });
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
  });

  test('refuses an agent with the reference message', async () => {
    const inboxId = await createInbox('Admin only');
    const response = await change('POST', { inbox_id: inboxId, user_ids: [fixture.agent.id] }, fixture.agent.token);
    expect([response.status, response.body.error]).toEqual([401, 'You are not authorized to do this action']);
  });

  test('refuses a user of another account', async () => {
    const response = await change('POST', { inbox_id: foreignInboxId, user_ids: [1] }, fixture.outsider.token);
    expect([response.status, response.body.error]).toEqual([401, 'You are not authorized to access this account']);
  });
});

describe('setting the agents of an inbox', () => {
  test('makes the users the only members and answers with them', async () => {
    const inboxId = await createInbox('Replaced');
    await change('POST', { inbox_id: inboxId, user_ids: [fixture.agent.id, fixture.admin.id] });
    const response = await change('PATCH', { inbox_id: inboxId, user_ids: [secondAgentId, fixture.admin.id] });
    expect(response.status).toBe(200);
    expect(response.body.payload.map((agent: { id: number }) => agent.id)).toEqual([fixture.admin.id, secondAgentId]);
    expect(await memberIds(inboxId)).toEqual([fixture.admin.id, secondAgentId]);
  });

  test('refuses a user who is not a member of the account, and changes nothing', async () => {
    const inboxId = await createInbox('Kept');
    await change('POST', { inbox_id: inboxId, user_ids: [fixture.agent.id] });
    const response = await change('PATCH', { inbox_id: inboxId, user_ids: [fixture.outsider.id] });
    expect([response.status, response.body.attributes]).toEqual([422, ['user_ids']]);
    expect(await memberIds(inboxId)).toEqual([fixture.agent.id]);
  });

  test('answers 404 for an inbox of another account', async () => {
    const response = await change('PATCH', { inbox_id: foreignInboxId, user_ids: [fixture.agent.id] });
    expect(response.status).toBe(404);
  });

  test('refuses an agent', async () => {
    const inboxId = await createInbox('Not yours');
    const response = await change('PATCH', { inbox_id: inboxId, user_ids: [fixture.agent.id] }, fixture.agent.token);
    expect(response.status).toBe(401);
  });
});

describe('removing agents from an inbox', () => {
  test('removes the users and answers 200 without a body', async () => {
    const inboxId = await createInbox('Shrinking');
    await change('POST', { inbox_id: inboxId, user_ids: [fixture.agent.id, secondAgentId] });
    const response = await change('DELETE', { inbox_id: inboxId, user_ids: [fixture.agent.id] });
    expect(response.status).toBe(200);
    expect(response.body).toBeUndefined();
    expect(await memberIds(inboxId)).toEqual([secondAgentId]);
  });

  test('answers 404 for a user who is not a member of the inbox, and removes nobody', async () => {
    const inboxId = await createInbox('Untouched');
    await change('POST', { inbox_id: inboxId, user_ids: [fixture.agent.id] });
    const response = await change('DELETE', { inbox_id: inboxId, user_ids: [fixture.agent.id, secondAgentId] });
    expect([response.status, response.body.error]).toEqual([404, 'Resource could not be found']);
    expect(await memberIds(inboxId)).toEqual([fixture.agent.id]);
  });

  test('answers 404 for an inbox of another account', async () => {
    const response = await change('DELETE', { inbox_id: foreignInboxId, user_ids: [fixture.agent.id] });
    expect(response.status).toBe(404);
  });

  test('refuses an agent', async () => {
    const inboxId = await createInbox('Stay');
    await change('POST', { inbox_id: inboxId, user_ids: [fixture.agent.id] });
    const response = await change('DELETE', { inbox_id: inboxId, user_ids: [fixture.agent.id] }, fixture.agent.token);
    expect(response.status).toBe(401);
    expect(await memberIds(inboxId)).toEqual([fixture.agent.id]);
  });

  test('refuses user ids that are not numbers, naming them', async () => {
    const inboxId = await createInbox('Typed');
    const response = await change('DELETE', { inbox_id: inboxId, user_ids: ['invalid'] });
    expect([response.status, response.body.attributes]).toEqual([422, ['user_ids.0']]);
  });
});
