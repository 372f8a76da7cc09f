import {
  type AccountFixture,
  createAccountFixture,
  type ManualClock,
  manualClock,
  startTestServer,
  type TestServer,
} from '../../src/testing';
import { deskActions, eventRecorder } from './desk-actions';
import { createDeskFixture, type DeskFixture } from './desk-fixture';

const events = eventRecorder();
let clock: ManualClock;
let server: TestServer;
let fixture: AccountFixture;
let desk: DeskFixture;
let actions: ReturnType<typeof deskActions>;
let bot: { id: number; token: string };
let team: { id: number; name: string };
beforeAll(async () => {
  clock = manualClock();
  server = await startTestServer({ clock, consumers: [events.consumer] });
  fixture = await createAccountFixture(server);
  desk = await createDeskFixture(server, fixture);
  actions = deskActions(server, fixture, desk);
  bot = await actions.createBot();
  team = await createTeam('Billing', [fixture.agent.id]);
});
afterAll(() => server.close());

async function createTeam(name: string, memberIds: number[]) {
  const created = await server.request('POST', `${desk.base}/teams`, { token: fixture.admin.token, body: { name } });
  if (memberIds.length > 0) {
    await server.request('POST', `${desk.base}/teams/${created.body.id}/team_members`, {
      token: fixture.admin.token,
      body: { user_ids: memberIds },
    });
  }
  return { id: created.body.id as number, name };
}

const assign = (displayId: number, body: unknown, token?: string) => actions.act(displayId, 'assignments', body, token);

const assignBot = (displayId: number, botId = bot.id) =>
  assign(displayId, { assignee_type: 'AgentBot', assignee_id: botId });

describe('assigning an agent', () => {
  test('answers the agent, shows them as the assignee, and writes the activity', async () => {
    const conversation = await actions.open();
    const response = await assign(conversation.id, { assignee_id: fixture.agent.id });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: fixture.agent.id,
      account_id: fixture.accountId,
      name: 'agent',
      role: 'agent',
      availability_status: expect.any(String),
      thumbnail: '',
    });
    expect((await actions.show(conversation.id)).meta).toMatchObject({
      assignee: { id: fixture.agent.id },
      assignee_type: 'User',
    });
    expect(await actions.activityTexts(conversation.id)).toEqual(['Assigned to agent by admin']);
  });

  test('an agent assigning themselves writes the self-assignment', async () => {
    const conversation = await actions.open();
    await assign(conversation.id, { assignee_id: String(fixture.agent.id) }, fixture.agent.token);
    expect(await actions.activityTexts(conversation.id)).toEqual(['agent self-assigned this conversation']);
  });

  test('does not require the agent to work the inbox', async () => {
    const conversation = await actions.open();
    const response = await assign(conversation.id, { assignee_id: desk.otherAgent.id });
    expect(response.body.id).toBe(desk.otherAgent.id);
  });

  test('null, or an id of no user of the account, leaves it unassigned and answers null', async () => {
    const conversation = await actions.open({ assignee_id: fixture.agent.id });
    const cleared = await server.requestRaw('POST', `${desk.conversationPath(conversation.id)}/assignments`, {
      token: fixture.admin.token,
      body: { assignee_id: null },
    });
    expect([cleared.status, cleared.text, cleared.headers.get('content-type')]).toEqual([
      200,
      'null',
      expect.stringContaining('application/json'),
    ]);
    await assign(conversation.id, { assignee_id: fixture.agent.id });
    const unknown = await assign(conversation.id, { assignee_id: fixture.outsider.id });
    expect([unknown.status, unknown.body]).toEqual([200, null]);
    expect((await actions.show(conversation.id)).meta).not.toHaveProperty('assignee');
    expect((await actions.activityTexts(conversation.id)).slice(1)).toEqual([
      'Conversation unassigned by admin',
      'Assigned to agent by admin',
      'Conversation unassigned by admin',
    ]);
  });

  test('ignores team_id beside assignee_id', async () => {
    const conversation = await actions.open();
    await assign(conversation.id, { assignee_id: fixture.agent.id, team_id: team.id });
    expect((await actions.show(conversation.id)).meta).not.toHaveProperty('team');
  });

  test('opens a pending conversation a bot held, the wait starting now', async () => {
    const conversation = await actions.open({ message: { content: 'Replied, so nobody waits' } });
    await assignBot(conversation.id);
    clock.advance(5);
    await assign(conversation.id, { assignee_id: fixture.agent.id });
    const shown = await actions.show(conversation.id);
    expect(shown).toMatchObject({ status: 'open', waiting_since: clock.nowSeconds() });
    expect(shown.meta).toMatchObject({ assignee: { id: fixture.agent.id }, assignee_type: 'User' });
    expect((await actions.activityTexts(conversation.id)).slice(-2)).toEqual([
      'Conversation was reopened by admin',
      'Assigned to agent by admin',
    ]);
  });

  test('records assignee_changed and conversation_updated with what changed', async () => {
    const conversation = await actions.open();
    await events.since(server);
    await assign(conversation.id, { assignee_id: fixture.agent.id });
    const recorded = await events.since(server);
    expect(recorded.map((event) => event.name)).toEqual([
      'assignee_changed',
      'conversation_updated',
      'message_created',
    ]);
    expect(recorded[1]?.data.changed_attributes).toEqual([
      { assignee_id: { previous_value: null, current_value: fixture.agent.id } },
    ]);
  });
});

describe('assigning an agent bot', () => {
  test('answers the bot in short form, removes the user assignee and leaves the conversation pending', async () => {
    const conversation = await actions.open({ assignee_id: fixture.agent.id });
    const response = await assignBot(conversation.id);
    expect(response.body).toEqual({
      id: bot.id,
      name: 'Helper bot',
      description: null,
      thumbnail: '',
      outgoing_url: null,
      bot_type: 'webhook',
    });
    const shown = await actions.show(conversation.id);
    expect(shown.status).toBe('pending');
    expect(shown.meta).toMatchObject({ assignee: { id: bot.id }, assignee_type: 'AgentBot' });
    expect((await actions.activityTexts(conversation.id)).slice(1)).toEqual([
      'Conversation was marked as pending by admin',
      'Conversation unassigned by admin',
    ]);
  });

  test('takes a system bot', async () => {
    const systemBot = await server.request('POST', '/platform/api/v1/agent_bots', {
      token: fixture.platformToken,
      body: { name: 'Everyone’s bot' },
    });
    const conversation = await actions.open();
    expect((await assignBot(conversation.id, systemBot.body.id)).body.id).toBe(systemBot.body.id);
  });

  test('answers null and changes nothing for a bot of another account or none', async () => {
    const otherBot = await server.request('POST', `/api/v1/accounts/${fixture.otherAccountId}/agent_bots`, {
      token: fixture.outsider.token,
      body: { name: 'Stranger bot' },
    });
    const conversation = await actions.open({ assignee_id: fixture.agent.id });
    expect((await assignBot(conversation.id, otherBot.body.id)).body).toBeNull();
    expect((await assignBot(conversation.id, 987_654)).body).toBeNull();
    expect((await assign(conversation.id, { assignee_type: 'AgentBot' })).body).toBeNull();
    const shown = await actions.show(conversation.id);
    expect([shown.status, shown.meta.assignee.id]).toEqual(['open', fixture.agent.id]);
  });
});

describe('assigning a team', () => {
  test('answers the stored team, shows it, and writes the activity', async () => {
    const conversation = await actions.open();
    const response = await assign(conversation.id, { team_id: team.id });
    expect(response.body).toEqual({
      id: team.id,
      name: 'Billing',
      description: null,
      allow_auto_assign: true,
      account_id: fixture.accountId,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
      updated_at: expect.stringMatching(/Z$/),
      icon: '',
      icon_color: '',
    });
    expect((await actions.show(conversation.id)).meta.team).toMatchObject({ id: team.id });
    expect(await actions.activityTexts(conversation.id)).toEqual(['Assigned to Billing by admin']);
  });

  test('takes the id as a string of digits', async () => {
    const conversation = await actions.open();
    expect((await assign(conversation.id, { team_id: String(team.id) })).body.id).toBe(team.id);
  });

  test('removes an assignee who is not a member, with the team’s activity alone', async () => {
    const conversation = await actions.open({ assignee_id: desk.otherAgent.id });
    await events.since(server);
    await assign(conversation.id, { team_id: team.id });
    expect((await actions.show(conversation.id)).meta).not.toHaveProperty('assignee');
    expect((await actions.activityTexts(conversation.id)).slice(1)).toEqual(['Assigned to Billing by admin']);
    const recorded = await events.since(server);
    expect(recorded.map((event) => event.name)).toEqual([
      'assignee_changed',
      'team_changed',
      'conversation_updated',
      'message_created',
    ]);
  });

  test('keeps an assignee who is a member', async () => {
    const conversation = await actions.open({ assignee_id: fixture.agent.id });
    await assign(conversation.id, { team_id: team.id });
    expect((await actions.show(conversation.id)).meta.assignee.id).toBe(fixture.agent.id);
  });

  test('0, null or text that is not a number removes the team and answers null', async () => {
    const conversation = await actions.open();
    for (const none of [0, null, 'none']) {
      await assign(conversation.id, { team_id: team.id });
      const response = await assign(conversation.id, { team_id: none });
      expect([response.status, response.body]).toEqual([200, null]);
      expect((await actions.show(conversation.id)).meta).not.toHaveProperty('team');
    }
    expect(await actions.activityTexts(conversation.id)).toEqual(
      Array(3).fill(['Assigned to Billing by admin', 'Unassigned from Billing by admin']).flat(),
    );
  });

  test('answers 404 for a team of another account or none, leaving the team as it was', async () => {
    const conversation = await actions.open();
    await assign(conversation.id, { team_id: team.id });
    const otherTeam = await server.request('POST', `/api/v1/accounts/${fixture.otherAccountId}/teams`, {
      token: fixture.outsider.token,
      body: { name: 'Elsewhere' },
    });
    expect((await assign(conversation.id, { team_id: otherTeam.body.id })).status).toBe(404);
    expect((await assign(conversation.id, { team_id: 987_654 })).status).toBe(404);
    expect((await assign(conversation.id, { team_id: '99999999999' })).status).toBe(404);
    expect((await actions.show(conversation.id)).meta.team.id).toBe(team.id);
  });
});

describe('an assignment', () => {
  test('naming neither an assignee nor a team changes nothing and answers null', async () => {
    const conversation = await actions.open({ assignee_id: fixture.agent.id });
    const response = await assign(conversation.id, {});
    expect([response.status, response.body]).toEqual([200, null]);
    expect((await actions.show(conversation.id)).meta.assignee.id).toBe(fixture.agent.id);
  });

  test('by an agent bot writes no activity', async () => {
    const conversation = await actions.open();
    const response = await assign(conversation.id, { assignee_id: fixture.agent.id }, bot.token);
    expect(response.body.id).toBe(fixture.agent.id);
    expect(await actions.activityTexts(conversation.id)).toEqual([]);
  });

  test('refuses an assignee id or type that is not one, naming it', async () => {
    const conversation = await actions.open();
    const id = await assign(conversation.id, { assignee_id: 'someone' });
    expect([id.status, id.body.attributes]).toEqual([422, ['assignee_id']]);
    const type = await assign(conversation.id, { assignee_id: fixture.agent.id, assignee_type: 'Robot' });
    expect([type.status, type.body.attributes]).toEqual([422, ['assignee_type']]);
  });

  test('is open to agents of the inbox; an agent of another inbox gets 404, another account’s user 401', async () => {
    const conversation = await actions.open();
    expect((await assign(conversation.id, { team_id: team.id }, fixture.agent.token)).status).toBe(200);
    expect(await actions.activityTexts(conversation.id)).toEqual(['Assigned to Billing by agent']);
    expect((await assign(conversation.id, { team_id: 0 }, desk.otherAgent.token)).status).toBe(404);
    expect((await assign(conversation.id, { team_id: 0 }, fixture.outsider.token)).status).toBe(401);
    expect((await assign(987_654, { team_id: 0 })).status).toBe(404);
  });
});
