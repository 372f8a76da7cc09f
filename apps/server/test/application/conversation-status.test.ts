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
beforeAll(async () => {
  clock = manualClock();
  server = await startTestServer({ clock, consumers: [events.consumer] });
  fixture = await createAccountFixture(server);
  desk = await createDeskFixture(server, fixture);
  actions = deskActions(server, fixture, desk);
  bot = await actions.createBot();
});
afterAll(() => server.close());

const toggle = (displayId: number, body?: unknown, token?: string) =>
  actions.act(displayId, 'toggle_status', body, token);

/** A conversation held by the bot, pending, as an inbox with a bot starts them. */
async function botHeld() {
  const conversation = await actions.open();
  await actions.act(conversation.id, 'assignments', { assignee_type: 'AgentBot', assignee_id: bot.id });
  return conversation;
}

const statusActivity = (status: string) => ({ activity: { type: 'conversation_status_changed', status } });

describe('toggling the status', () => {
  test('without a status resolves an open conversation and reopens a resolved one, in the reference envelope', async () => {
    const conversation = await actions.open();
    const resolved = await toggle(conversation.id);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toEqual({
      meta: {},
      payload: { success: true, conversation_id: conversation.id, current_status: 'resolved', snoozed_until: null },
    });
    const reopened = await toggle(conversation.id, {});
    expect(reopened.body.payload.current_status).toBe('open');
    expect(await actions.activities(conversation.id)).toEqual([
      { content: 'Conversation was marked resolved by admin', content_attributes: statusActivity('resolved') },
      { content: 'Conversation was reopened by admin', content_attributes: statusActivity('open') },
    ]);
  });

  test('sets the status asked for, and reopens a pending or snoozed conversation when toggled', async () => {
    const conversation = await actions.open();
    expect((await toggle(conversation.id, { status: 'pending' })).body.payload.current_status).toBe('pending');
    expect((await toggle(conversation.id)).body.payload.current_status).toBe('open');
    expect((await toggle(conversation.id, { status: 'snoozed' })).body.payload.current_status).toBe('snoozed');
    expect((await toggle(conversation.id)).body.payload.current_status).toBe('open');
    expect(await actions.activityTexts(conversation.id)).toEqual([
      'Conversation was marked as pending by admin',
      'Conversation was reopened by admin',
      'Conversation was snoozed by admin',
      'Conversation was reopened by admin',
    ]);
  });

  test('resolving ends the contact’s wait', async () => {
    const conversation = await actions.open();
    expect(conversation.waiting_since).toBeGreaterThan(0);
    await toggle(conversation.id, { status: 'resolved' });
    expect((await actions.show(conversation.id)).waiting_since).toBe(0);
  });

  test('snoozes until unix seconds given as a number or as digits, and keeps the time only while snoozed', async () => {
    const conversation = await actions.open();
    const until = clock.nowSeconds() + 3600;
    const snoozed = await toggle(conversation.id, { status: 'snoozed', snoozed_until: until });
    expect(snoozed.body.payload).toMatchObject({
      current_status: 'snoozed',
      snoozed_until: new Date(until * 1000).toISOString(),
    });
    const asDigits = await toggle(conversation.id, { status: 'snoozed', snoozed_until: String(until + 60) });
    expect(asDigits.body.payload.snoozed_until).toBe(new Date((until + 60) * 1000).toISOString());
    const again = await toggle(conversation.id, { status: 'snoozed' });
    expect(again.body.payload.snoozed_until).toBe(new Date((until + 60) * 1000).toISOString());
    const pending = await toggle(conversation.id, { status: 'pending', snoozed_until: until });
    expect(pending.body.payload).toMatchObject({ current_status: 'pending', snoozed_until: null });
    expect((await actions.show(conversation.id)).snoozed_until).toBeNull();
  });

  test('a snooze without a time waits for the contact’s next message', async () => {
    const conversation = await actions.open();
    const snoozed = await toggle(conversation.id, { status: 'snoozed' });
    expect(snoozed.body.payload).toMatchObject({ current_status: 'snoozed', snoozed_until: null });
    await server.request('POST', `${desk.conversationPath(conversation.id)}/messages`, {
      token: fixture.admin.token,
      body: { content: 'Back again', message_type: 'incoming' },
    });
    expect((await actions.show(conversation.id)).status).toBe('open');
  });

  test('refuses a snooze time that is not unix seconds, and an unknown status, naming the field', async () => {
    const conversation = await actions.open();
    const date = await toggle(conversation.id, { status: 'snoozed', snoozed_until: '2026-01-01T00:00:00Z' });
    expect([date.status, date.body.attributes]).toEqual([422, ['snoozed_until']]);
    const fraction = await toggle(conversation.id, { status: 'snoozed', snoozed_until: 1.5 });
    expect([fraction.status, fraction.body.attributes]).toEqual([422, ['snoozed_until']]);
    const status = await toggle(conversation.id, { status: 'closed' });
    expect([status.status, status.body.attributes]).toEqual([422, ['status']]);
    expect((await actions.show(conversation.id)).status).toBe('open');
  });

  test('records the status events and conversation_updated with what changed', async () => {
    const conversation = await actions.open();
    await events.since(server);
    await toggle(conversation.id, { status: 'resolved' });
    const recorded = await events.since(server);
    expect(recorded.map((event) => event.name)).toEqual([
      'conversation_status_changed',
      'conversation_resolved',
      'conversation_updated',
      'message_created',
    ]);
    expect(recorded[0]?.data.changed_attributes).toEqual([
      { status: { previous_value: 'open', current_value: 'resolved' } },
    ]);
    expect(recorded[2]?.data.changed_attributes).toEqual([
      { status: { previous_value: 'open', current_value: 'resolved' } },
      { waiting_since: { previous_value: conversation.waiting_since, current_value: null } },
    ]);
  });
});

describe('opening a conversation', () => {
  test('makes the agent who opens it its assignee, with the activity', async () => {
    const conversation = await actions.open();
    await toggle(conversation.id, { status: 'resolved' });
    const reopened = await toggle(conversation.id, undefined, fixture.agent.token);
    expect(reopened.body.payload.current_status).toBe('open');
    const shown = await actions.show(conversation.id);
    expect(shown.meta).toMatchObject({ assignee: { id: fixture.agent.id }, assignee_type: 'User' });
    expect((await actions.activityTexts(conversation.id)).slice(-2)).toEqual([
      'Conversation was reopened by agent',
      'agent self-assigned this conversation',
    ]);
  });

  test('takes it from another assignee for the agent, even when it was open already', async () => {
    const conversation = await actions.open({ assignee_id: desk.otherAgent.id });
    await toggle(conversation.id, { status: 'open' }, fixture.agent.token);
    expect((await actions.show(conversation.id)).meta.assignee.id).toBe(fixture.agent.id);
    expect((await actions.activityTexts(conversation.id)).at(-1)).toBe('agent self-assigned this conversation');
  });

  test('by an administrator leaves the assignee as it was', async () => {
    const conversation = await actions.open();
    await toggle(conversation.id, { status: 'resolved' });
    await toggle(conversation.id);
    expect((await actions.show(conversation.id)).meta).not.toHaveProperty('assignee');
  });

  test('by a user takes it from the agent bot holding it', async () => {
    const conversation = await botHeld();
    expect((await actions.show(conversation.id)).meta.assignee_type).toBe('AgentBot');
    await toggle(conversation.id, { status: 'open' });
    const shown = await actions.show(conversation.id);
    expect(shown.status).toBe('open');
    expect(shown.meta).not.toHaveProperty('assignee');
  });
});

describe('an agent bot', () => {
  test('opening a pending conversation hands it over: no bot, the wait starts now, and success is null', async () => {
    const conversation = await actions.open({ message: { content: 'A first reply ends the wait' } });
    expect(conversation.waiting_since).toBe(0);
    await actions.act(conversation.id, 'assignments', { assignee_type: 'AgentBot', assignee_id: bot.id });
    const activitiesBefore = await actions.activityTexts(conversation.id);
    clock.advance(30);
    await events.since(server);
    const handoff = await toggle(conversation.id, { status: 'open' }, bot.token);
    expect(handoff.body).toEqual({
      meta: {},
      payload: { success: null, conversation_id: conversation.id, current_status: 'open', snoozed_until: null },
    });
    const shown = await actions.show(conversation.id);
    expect(shown.meta).not.toHaveProperty('assignee');
    expect(shown.waiting_since).toBe(clock.nowSeconds());
    expect(await actions.activityTexts(conversation.id)).toEqual(activitiesBefore);
    const recorded = await events.since(server);
    expect(recorded.map((event) => [event.name, event.actor.type])).toEqual([
      ['conversation_status_changed', 'agent_bot'],
      ['conversation_opened', 'agent_bot'],
      ['conversation_updated', 'agent_bot'],
      ['conversation_bot_handoff', 'agent_bot'],
    ]);
  });

  test('toggling a pending conversation opens it without a handoff', async () => {
    const conversation = await botHeld();
    const toggled = await toggle(conversation.id, undefined, bot.token);
    expect(toggled.body.payload).toMatchObject({ success: true, current_status: 'open' });
    expect((await actions.show(conversation.id)).meta.assignee_type).toBe('AgentBot');
  });

  test('resolving writes no activity', async () => {
    const conversation = await actions.open();
    const resolved = await toggle(conversation.id, { status: 'resolved' }, bot.token);
    expect(resolved.body.payload).toMatchObject({ success: true, current_status: 'resolved' });
    expect(await actions.activityTexts(conversation.id)).toEqual([]);
  });
});

describe('who may toggle', () => {
  test('an agent of the inbox may; an agent of another inbox gets 404, another account’s user 401', async () => {
    const conversation = await actions.open();
    expect((await toggle(conversation.id, { status: 'pending' }, fixture.agent.token)).status).toBe(200);
    expect((await toggle(conversation.id, { status: 'resolved' }, desk.otherAgent.token)).status).toBe(404);
    expect((await toggle(conversation.id, { status: 'resolved' }, fixture.outsider.token)).status).toBe(401);
    expect((await toggle(987_654, { status: 'resolved' })).status).toBe(404);
    expect((await actions.show(conversation.id)).status).toBe('pending');
  });

  test('a bot of another account gets 401', async () => {
    const conversation = await actions.open();
    const otherBot = await server.request('POST', `/api/v1/accounts/${fixture.otherAccountId}/agent_bots`, {
      token: fixture.outsider.token,
      body: { name: 'Stranger bot' },
    });
    const response = await toggle(conversation.id, { status: 'resolved' }, otherBot.body.access_token);
    expect(response.status).toBe(401);
  });
});

describe('snooze expiry', () => {
  test('reopens a snoozed conversation when its time comes, to the second, with no activity', async () => {
    const conversation = await actions.open();
    const until = clock.nowSeconds() + 60;
    await toggle(conversation.id, { status: 'snoozed', snoozed_until: until });
    await events.since(server);

    clock.advance(59);
    await server.container.snoozeExpiry.runOnce();
    expect((await actions.show(conversation.id)).status).toBe('snoozed');

    clock.advance(1);
    expect(await server.container.snoozeExpiry.runOnce()).toBeGreaterThanOrEqual(1);
    const shown = await actions.show(conversation.id);
    expect([shown.status, shown.snoozed_until]).toEqual(['open', null]);
    expect(await actions.activityTexts(conversation.id)).toEqual(['Conversation was snoozed by admin']);
    const recorded = (await events.since(server)).filter(
      (event) => (event.data.conversation as { display_id: number }).display_id === conversation.id,
    );
    expect(recorded.map((event) => [event.name, event.actor.type])).toEqual([
      ['conversation_status_changed', 'system'],
      ['conversation_opened', 'system'],
      ['conversation_updated', 'system'],
    ]);
    expect(recorded[2]?.data.changed_attributes).toEqual([
      { status: { previous_value: 'snoozed', current_value: 'open' } },
      { snoozed_until: { previous_value: until, current_value: null } },
    ]);
  });

  test('leaves conversations snoozed without a time, and those no longer snoozed', async () => {
    const untimed = await actions.open();
    await toggle(untimed.id, { status: 'snoozed' });
    const resolved = await actions.open();
    await toggle(resolved.id, { status: 'snoozed', snoozed_until: clock.nowSeconds() + 5 });
    await toggle(resolved.id, { status: 'resolved' });
    clock.advance(10);
    await server.container.snoozeExpiry.runOnce();
    expect((await actions.show(untimed.id)).status).toBe('snoozed');
    expect((await actions.show(resolved.id)).status).toBe('resolved');
  });

  test('reopens every conversation that is due in one run', async () => {
    const opened = await Promise.all(Array.from({ length: 3 }, () => actions.open()));
    for (const conversation of opened) {
      await toggle(conversation.id, { status: 'snoozed', snoozed_until: clock.nowSeconds() + 1 });
    }
    clock.advance(1);
    expect(await server.container.snoozeExpiry.runOnce()).toBe(3);
    for (const conversation of opened) expect((await actions.show(conversation.id)).status).toBe('open');
  });
});
