import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';
import { deskActions, eventRecorder } from './desk-actions';
import { createDeskFixture, type DeskFixture } from './desk-fixture';

const events = eventRecorder();
let server: TestServer;
let fixture: AccountFixture;
let desk: DeskFixture;
let actions: ReturnType<typeof deskActions>;
let bot: { id: number; token: string };
beforeAll(async () => {
  server = await startTestServer({ consumers: [events.consumer] });
  fixture = await createAccountFixture(server);
  desk = await createDeskFixture(server, fixture);
  actions = deskActions(server, fixture, desk);
  bot = await actions.createBot();
});
afterAll(() => server.close());

const setLabels = (displayId: number, labels: unknown, token?: string) =>
  actions.act(displayId, 'labels', { labels }, token);

const listLabels = (displayId: number, token = fixture.admin.token) =>
  server.request('GET', `${desk.conversationPath(displayId)}/labels`, { token });

describe('conversation labels', () => {
  test('a new conversation carries none', async () => {
    const conversation = await actions.open();
    expect((await listLabels(conversation.id)).body).toEqual({ payload: [] });
  });

  test('replaces the set, trimmed, lower-cased and each once, and the conversation shows them', async () => {
    const conversation = await actions.open();
    const response = await setLabels(conversation.id, ['Billing', ' refund ', 'billing']);
    expect([response.status, response.body]).toEqual([200, { payload: ['billing', 'refund'] }]);
    expect((await listLabels(conversation.id)).body.payload).toEqual(['billing', 'refund']);
    expect((await actions.show(conversation.id)).labels).toEqual(['billing', 'refund']);
  });

  test('writes one activity for the labels added and one for those removed', async () => {
    const conversation = await actions.open();
    await setLabels(conversation.id, ['billing', 'refund']);
    const replaced = await setLabels(conversation.id, ['vip', 'refund', 'urgent']);
    expect(replaced.body.payload).toEqual(['refund', 'vip', 'urgent']);
    await setLabels(conversation.id, []);
    expect(await actions.activityTexts(conversation.id)).toEqual([
      'admin added billing, refund',
      'admin added vip, urgent',
      'admin removed billing',
      'admin removed refund, vip, urgent',
    ]);
  });

  test('the same set again changes nothing and writes nothing', async () => {
    const conversation = await actions.open();
    await setLabels(conversation.id, ['billing', 'refund']);
    await events.since(server);
    await setLabels(conversation.id, ['REFUND', 'billing']);
    expect(await events.since(server)).toEqual([]);
    expect(await actions.activityTexts(conversation.id)).toEqual(['admin added billing, refund']);
  });

  test('records conversation_updated with the label list before and after', async () => {
    const conversation = await actions.open();
    await setLabels(conversation.id, ['billing']);
    await events.since(server);
    await setLabels(conversation.id, ['refund']);
    const recorded = await events.since(server);
    expect(recorded.map((event) => event.name)).toEqual(['conversation_updated', 'message_created', 'message_created']);
    expect(recorded[0]?.data.changed_attributes).toEqual([
      { label_list: { previous_value: ['billing'], current_value: ['refund'] } },
    ]);
  });

  test('agent bots read and set them, without an activity', async () => {
    const conversation = await actions.open();
    expect((await setLabels(conversation.id, ['bot-triaged'], bot.token)).body.payload).toEqual(['bot-triaged']);
    expect((await listLabels(conversation.id, bot.token)).body.payload).toEqual(['bot-triaged']);
    expect(await actions.activityTexts(conversation.id)).toEqual([]);
  });

  test('refuses labels that are not a list of words, naming them', async () => {
    const conversation = await actions.open();
    const notList = await setLabels(conversation.id, 'billing');
    expect([notList.status, notList.body.attributes]).toEqual([422, ['labels']]);
    const blank = await setLabels(conversation.id, ['  ']);
    expect([blank.status, blank.body.attributes]).toEqual([422, ['labels.0']]);
    const missing = await actions.act(conversation.id, 'labels', {});
    expect([missing.status, missing.body.attributes]).toEqual([422, ['labels']]);
  });

  test('agents of the inbox read and set them; an agent of another inbox gets 404, another account’s user 401', async () => {
    const conversation = await actions.open();
    expect((await setLabels(conversation.id, ['vip'], fixture.agent.token)).status).toBe(200);
    expect(await actions.activityTexts(conversation.id)).toEqual(['agent added vip']);
    expect((await listLabels(conversation.id, fixture.agent.token)).status).toBe(200);
    expect((await listLabels(conversation.id, desk.otherAgent.token)).status).toBe(404);
    expect((await setLabels(conversation.id, [], desk.otherAgent.token)).status).toBe(404);
    expect((await listLabels(conversation.id, fixture.outsider.token)).status).toBe(401);
    expect((await setLabels(conversation.id, [], fixture.outsider.token)).status).toBe(401);
    expect((await listLabels(987_654)).status).toBe(404);
  });
});
