import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';
import { type Conversation, createDeskFixture, type DeskFixture } from './desk-fixture';

let server: TestServer;
let fixture: AccountFixture;
let desk: DeskFixture;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
  desk = await createDeskFixture(server, fixture);
});
afterAll(() => server.close());

function create(body: Record<string, unknown>, token = fixture.admin.token) {
  return server.request<Conversation>('POST', desk.conversationsPath, { token, body });
}

describe('starting a conversation', () => {
  test('by the contact session answers the whole conversation, open and waiting', async () => {
    const response = await create({
      source_id: desk.sourceId,
      additional_attributes: { referer: 'https://a.example' },
    });
    expect(response.status).toBe(200);
    const conversation = response.body;
    expect(conversation).toMatchObject({
      account_id: fixture.accountId,
      inbox_id: desk.inboxId,
      status: 'open',
      priority: null,
      labels: [],
      messages: [],
      unread_count: 0,
      additional_attributes: { referer: 'https://a.example' },
      custom_attributes: {},
      can_reply: true,
      muted: false,
      snoozed_until: null,
      sla_policy_id: null,
      last_non_activity_message: null,
      first_reply_created_at: 0,
      agent_last_seen_at: 0,
      meta: {
        sender: expect.objectContaining({ id: desk.contactId, name: 'Carla Contact' }),
        channel: 'Channel::Api',
        hmac_verified: false,
      },
    });
    expect(conversation.meta).not.toHaveProperty('assignee');
    expect(conversation.waiting_since).toBe(conversation.created_at);
    expect(typeof conversation.updated_at).toBe('number');
  });

  test('with a first message shows it as the newest, sent by the caller', async () => {
    const response = await create(
      { source_id: desk.sourceId, message: { content: 'Hello there' } },
      fixture.agent.token,
    );
    expect(response.status).toBe(200);
    expect(response.body.messages).toEqual([
      expect.objectContaining({
        content: 'Hello there',
        message_type: 1,
        sender: expect.objectContaining({ id: fixture.agent.id, type: 'user' }),
        conversation: expect.objectContaining({ contact_inbox: { source_id: desk.sourceId } }),
      }),
    ]);
    expect(response.body.first_reply_created_at).toBeGreaterThan(0);
    expect(response.body.waiting_since).toBe(0);
  });

  test('takes consecutive display ids per account', async () => {
    const first = await create({ source_id: desk.sourceId });
    const second = await create({ inbox_id: desk.inboxId, contact_id: desk.contactId });
    expect(second.body.id).toBe(first.body.id + 1);
  });

  test('gives 50 concurrent creations 50 distinct display ids', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => create({ inbox_id: desk.inboxId, contact_id: desk.contactId })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(50);
  });

  test('refuses a request naming no session and no inbox, naming source_id', async () => {
    const response = await create({ custom_attributes: {} });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ attributes: ['source_id'] });
  });

  test('refuses an invalid status with 422 naming it', async () => {
    const response = await create({ source_id: desk.sourceId, status: 'closed' });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ attributes: ['status'] });
  });

  test('answers 404 for an unknown session, or an inbox of another account', async () => {
    expect((await create({ source_id: 'nobody' })).status).toBe(404);
    const foreign = await create({ inbox_id: 999_999, contact_id: desk.contactId });
    expect(foreign.status).toBe(404);
  });

  test('answers 404 to an agent who does not work the inbox', async () => {
    const response = await create({ source_id: desk.sourceId }, desk.otherAgent.token);
    expect(response.status).toBe(404);
  });

  test('with an assignee and a team by an administrator writes the assignment activity', async () => {
    const team = await server.request<{ id: number }>('POST', `${desk.base}/teams`, {
      token: fixture.admin.token,
      body: { name: `Tier ${Date.now()}` },
    });
    await server.request('POST', `${desk.base}/teams/${team.body.id}/team_members`, {
      token: fixture.admin.token,
      body: { user_ids: [fixture.agent.id] },
    });
    const response = await create({ source_id: desk.sourceId, assignee_id: fixture.agent.id, team_id: team.body.id });
    expect(response.status).toBe(200);
    expect(response.body.meta).toMatchObject({
      assignee: expect.objectContaining({ id: fixture.agent.id }),
      assignee_type: 'User',
      team: expect.objectContaining({ id: team.body.id }),
    });
    expect(response.body.messages[0]).toMatchObject({
      message_type: 2,
      content: expect.stringMatching(/^Assigned to agent via Tier \d+ by admin$/),
    });
  });

  test('refuses callers of another account and strangers', async () => {
    const outsider = await create({ source_id: desk.sourceId }, fixture.outsider.token);
    expect(outsider.status).toBe(401);
    const stranger = await create({ source_id: desk.sourceId }, 'not-a-token');
    expect(stranger.status).toBe(401);
  });
});

describe('showing a conversation', () => {
  test('to an administrator, an agent of the inbox, but not an agent of another inbox (404)', async () => {
    const created = await create({ source_id: desk.sourceId });
    const show = (token: string) =>
      server.request<Conversation>('GET', desk.conversationPath(created.body.id), { token });
    expect((await show(fixture.admin.token)).body).toEqual(created.body);
    expect((await show(fixture.agent.token)).status).toBe(200);
    expect((await show(desk.otherAgent.token)).status).toBe(404);
    expect((await show(fixture.outsider.token)).status).toBe(401);
  });

  test('answers 404 for an unknown display id', async () => {
    const response = await server.request('GET', desk.conversationPath(987_654), { token: fixture.admin.token });
    expect(response.status).toBe(404);
  });
});
