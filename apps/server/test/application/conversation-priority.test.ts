import type { Clock } from '../../src/config/clock';
import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';
import { deskActions, eventRecorder } from './desk-actions';
import { type Conversation, createDeskFixture, type DeskFixture } from './desk-fixture';

const events = eventRecorder();
let server: TestServer;
let fixture: AccountFixture;
let desk: DeskFixture;
let actions: ReturnType<typeof deskActions>;
let bot: { id: number; token: string };
/** A clock that moves a millisecond at each reading, so that two readings within one change never agree. */
function tickingClock(): Clock {
  let milliseconds = 1_763_700_000_000;
  return {
    nowMilliseconds: () => ++milliseconds,
    nowSeconds: () => Math.floor(++milliseconds / 1000),
  };
}

beforeAll(async () => {
  server = await startTestServer({ clock: tickingClock(), consumers: [events.consumer] });
  fixture = await createAccountFixture(server);
  desk = await createDeskFixture(server, fixture);
  actions = deskActions(server, fixture, desk);
  bot = await actions.createBot();
});
afterAll(() => server.close());

const togglePriority = (displayId: number, body: unknown, token?: string) =>
  server.requestRaw('POST', `${desk.conversationPath(displayId)}/toggle_priority`, {
    token: token ?? fixture.admin.token,
    body,
  });

const update = (displayId: number, body: unknown, token = fixture.admin.token) =>
  server.request<Conversation>('PATCH', desk.conversationPath(displayId), { token, body });

describe('toggling the priority', () => {
  test('answers 200 with an empty body, and writes the set, changed and removed activities', async () => {
    const conversation = await actions.open();
    const set = await togglePriority(conversation.id, { priority: 'high' });
    expect([set.status, set.text]).toEqual([200, '']);
    expect((await actions.show(conversation.id)).priority).toBe('high');
    await togglePriority(conversation.id, { priority: 'urgent' });
    await togglePriority(conversation.id, { priority: null });
    expect((await actions.show(conversation.id)).priority).toBeNull();
    expect(await actions.activityTexts(conversation.id)).toEqual([
      'admin set the priority to high',
      'admin changed the priority from high to urgent',
      'admin removed the priority',
    ]);
  });

  test('removes the priority with none or an empty string, as with null', async () => {
    const conversation = await actions.open();
    for (const cleared of ['none', '']) {
      await togglePriority(conversation.id, { priority: 'low' });
      expect((await togglePriority(conversation.id, { priority: cleared })).status).toBe(200);
      expect((await actions.show(conversation.id)).priority).toBeNull();
    }
  });

  test('the same priority again changes nothing and writes nothing', async () => {
    const conversation = await actions.open();
    await togglePriority(conversation.id, { priority: 'medium' });
    await events.since(server);
    await togglePriority(conversation.id, { priority: 'medium' });
    expect(await events.since(server)).toEqual([]);
    expect(await actions.activityTexts(conversation.id)).toEqual(['admin set the priority to medium']);
  });

  test('records conversation_updated with the priority, and the activity’s message', async () => {
    const conversation = await actions.open();
    await events.since(server);
    await togglePriority(conversation.id, { priority: 'urgent' });
    const recorded = await events.since(server);
    expect(recorded.map((event) => event.name)).toEqual(['conversation_updated', 'message_created']);
    expect(recorded[0]?.data.changed_attributes).toEqual([
      { priority: { previous_value: null, current_value: 'urgent' } },
    ]);
  });

  test('refuses an unknown or missing priority, naming it', async () => {
    const conversation = await actions.open();
    const unknown = await togglePriority(conversation.id, { priority: 'critical' });
    expect([unknown.status, JSON.parse(unknown.text).attributes]).toEqual([422, ['priority']]);
    const missing = await togglePriority(conversation.id, {});
    expect([missing.status, JSON.parse(missing.text).attributes]).toEqual([422, ['priority']]);
  });

  test('an agent bot sets it without an activity', async () => {
    const conversation = await actions.open();
    expect((await togglePriority(conversation.id, { priority: 'low' }, bot.token)).status).toBe(200);
    expect((await actions.show(conversation.id)).priority).toBe('low');
    expect(await actions.activityTexts(conversation.id)).toEqual([]);
  });

  test('an agent of the inbox may; an agent of another inbox gets 404, another account’s user 401', async () => {
    const conversation = await actions.open();
    expect((await togglePriority(conversation.id, { priority: 'low' }, fixture.agent.token)).status).toBe(200);
    expect(await actions.activityTexts(conversation.id)).toEqual(['agent set the priority to low']);
    expect((await togglePriority(conversation.id, { priority: 'high' }, desk.otherAgent.token)).status).toBe(404);
    expect((await togglePriority(conversation.id, { priority: 'high' }, fixture.outsider.token)).status).toBe(401);
    expect((await actions.show(conversation.id)).priority).toBe('low');
  });
});

describe('updating a conversation', () => {
  test('changes the priority, ignores other fields, and answers the whole conversation as stored', async () => {
    const conversation = await actions.open();
    const response = await update(conversation.id, { priority: 'urgent', status: 'resolved', labels: ['x'] });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: conversation.id, priority: 'urgent', status: 'open', labels: [] });
    expect(response.body.messages[0]).toMatchObject({
      message_type: 2,
      content: 'admin set the priority to urgent',
    });
    expect(await actions.show(conversation.id)).toEqual(response.body);
  });

  test('removes the priority with none, and changes nothing without one', async () => {
    const conversation = await actions.open();
    await update(conversation.id, { priority: 'high' });
    expect((await update(conversation.id, { priority: 'none' })).body.priority).toBeNull();
    await update(conversation.id, { priority: 'low' });
    expect((await update(conversation.id, { status: 'resolved' })).body).toMatchObject({
      priority: 'low',
      status: 'open',
    });
    expect(await actions.activityTexts(conversation.id)).toEqual([
      'admin set the priority to high',
      'admin removed the priority',
      'admin set the priority to low',
    ]);
  });

  test('refuses an unknown priority, naming it', async () => {
    const conversation = await actions.open();
    const response = await update(conversation.id, { priority: 'critical' });
    expect([response.status, response.body.attributes]).toEqual([422, ['priority']]);
  });

  test('is open to agent bots, without an activity', async () => {
    const conversation = await actions.open();
    const response = await update(conversation.id, { priority: 'medium' }, bot.token);
    expect([response.status, response.body.priority]).toEqual([200, 'medium']);
    expect(await actions.activityTexts(conversation.id)).toEqual([]);
  });

  test('an agent of another inbox gets 404, another account’s user 401', async () => {
    const conversation = await actions.open();
    expect((await update(conversation.id, { priority: 'high' }, fixture.agent.token)).status).toBe(200);
    expect((await update(conversation.id, { priority: 'low' }, desk.otherAgent.token)).status).toBe(404);
    expect((await update(conversation.id, { priority: 'low' }, fixture.outsider.token)).status).toBe(401);
    expect((await update(987_654, { priority: 'low' })).status).toBe(404);
  });
});
