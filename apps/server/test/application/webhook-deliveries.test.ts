import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AccountFixture,
  createAccountFixture,
  type ManualClock,
  manualClock,
  startTestServer,
  type TestServer,
} from '../../src/testing';

/** A receiver on this machine that records what it is posted, answering the status it is told to. */
interface Receiver {
  url: string;
  received: Array<{ headers: http.IncomingHttpHeaders; body: string; json: Record<string, any> }>;
  answer: number;
  /** What to answer a body with instead of `answer`, when set. */
  answerFor?: (json: Record<string, any>) => number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const receiver = { received: [], answer: 200 } as unknown as Receiver;
  const listening = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const json = JSON.parse(body);
      receiver.received.push({ headers: req.headers, body, json });
      res.writeHead(receiver.answerFor?.(json) ?? receiver.answer).end('ok');
    });
  });
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/hook`;
  receiver.close = () =>
    new Promise((resolve) => {
      listening.closeAllConnections();
      listening.close(() => resolve());
    });
  return receiver;
}

let server: TestServer;
let fixture: AccountFixture;
let clock: ManualClock;
let receiver: Receiver;
beforeAll(async () => {
  clock = manualClock();
  server = await startTestServer({
    clock,
    webhookDelivery: { allowPrivateNetworks: true, timeoutMs: 2000, retryPeriodSeconds: 3600 },
  });
  fixture = await createAccountFixture(server);
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await server.close();
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.answer = 200;
  delete receiver.answerFor;
});
// Each test subscribes its own webhooks: none outlives it, whatever became of the test.
afterEach(() => server.db('webhooks').delete());

const A = () => `/api/v1/accounts/${fixture.accountId}`;
const admin = (body?: unknown) => ({ token: fixture.admin.token, ...(body !== undefined && { body }) });

/** Makes the deliveries that are due, one target's queue after another, until none is left due. */
async function drain(): Promise<void> {
  while ((await server.container.deliveryWorker.runOnce()) > 0);
}

/** Hands the recorded events to the fan-out, then makes the deliveries that are due. */
async function deliver(): Promise<void> {
  await server.container.dispatcher.runOnce();
  await drain();
}

async function webhook(subscriptions: string[], url = receiver.url) {
  const created = await server.request<{ payload: { webhook: { id: number; secret: string } } }>(
    'POST',
    `${A()}/webhooks`,
    admin({ url: `${url}?${Math.random()}`, subscriptions }),
  );
  if (created.status !== 200) throw new Error(`creating the webhook answered ${created.status}`);
  return created.body.payload.webhook;
}

const deleteWebhook = (id: number) => server.request('DELETE', `${A()}/webhooks/${id}`, admin());

/** Whether the signature headers are the HMAC of the timestamp and the raw body under `secret`. */
function signedWith(secret: string, headers: http.IncomingHttpHeaders, body: string): boolean {
  const expected = createHmac('sha256', secret).update(`${headers['x-chatwoot-timestamp']}.${body}`).digest('hex');
  return headers['x-chatwoot-signature'] === `sha256=${expected}`;
}

test('a subscribed event arrives signed, flat, with its delivery id; an unsubscribed one does not', async () => {
  const hook = await webhook(['contact_created']);
  const contact = await server.request<{ payload: { contact: { id: number } } }>(
    'POST',
    `${A()}/contacts`,
    admin({ name: 'Dana Delivered', email: `dana-${Date.now()}@example.com` }),
  );
  await server.request('PUT', `${A()}/contacts/${contact.body.payload.contact.id}`, admin({ name: 'Dana D.' }));
  await deliver();
  expect(receiver.received).toHaveLength(1);
  const [delivery] = receiver.received;
  expect(delivery?.json).toEqual({
    account: { id: fixture.accountId, name: expect.any(String) },
    additional_attributes: {},
    avatar: '',
    custom_attributes: {},
    email: expect.stringContaining('dana-'),
    id: contact.body.payload.contact.id,
    identifier: null,
    name: 'Dana Delivered',
    phone_number: null,
    thumbnail: '',
    blocked: false,
    event: 'contact_created',
  });
  expect(delivery?.headers['content-type']).toBe('application/json');
  expect(delivery?.headers['x-chatwoot-delivery']).toMatch(/^[0-9a-f-]{36}$/);
  expect(signedWith(hook.secret, delivery?.headers ?? {}, delivery?.body ?? '')).toBe(true);
});

test('a receiver that is down gets every delivery, in order, once it is back', async () => {
  const hook = await webhook(['contact_created']);
  receiver.answer = 503;
  for (const name of ['First', 'Second', 'Third']) {
    await server.request('POST', `${A()}/contacts`, admin({ name, email: `${name}-${Date.now()}@example.com` }));
  }
  await deliver();
  // Only the head of the queue is tried while the receiver fails; the others wait behind it.
  expect(receiver.received.map((delivery) => delivery.json.name)).toEqual(['First']);
  const firstId = receiver.received[0]?.headers['x-chatwoot-delivery'];

  receiver.answer = 200;
  await drain();
  expect(receiver.received).toHaveLength(1);
  clock.advance(60);
  await drain();
  expect(receiver.received.map((delivery) => delivery.json.name)).toEqual(['First', 'First', 'Second', 'Third']);
  expect(receiver.received[1]?.headers['x-chatwoot-delivery']).toBe(firstId);
  const rows = await server.db('webhook_deliveries').where({ webhook_id: hook.id }).orderBy('id');
  expect(rows.map((row) => [row.status, row.attempts])).toEqual([
    ['delivered', 2],
    ['delivered', 1],
    ['delivered', 1],
  ]);
});

test('a delivery failing past the retry period is given up, and the next one goes', async () => {
  const hook = await webhook(['contact_created']);
  receiver.answerFor = (json) => (json.name === 'Lost' ? 500 : 200);
  await server.request('POST', `${A()}/contacts`, admin({ name: 'Lost', email: `lost-${Date.now()}@example.com` }));
  await server.request('POST', `${A()}/contacts`, admin({ name: 'Kept', email: `kept-${Date.now()}@example.com` }));
  await deliver();
  const deliveries = () => server.db('webhook_deliveries').where({ webhook_id: hook.id }).orderBy('id');
  let waited = 0;
  while ((await deliveries())[0]?.status === 'pending' && waited < 2 * 3600) {
    expect((await deliveries())[1]?.status).toBe('pending');
    clock.advance(300);
    waited += 300;
    await drain();
  }
  // No attempt is planned past the retry period (an hour here): the one that would be is not made.
  expect(waited).toBeGreaterThan(1800);
  expect(waited).toBeLessThanOrEqual(3600);
  const [lost, kept] = await deliveries();
  expect(lost).toMatchObject({ status: 'failed', last_status_code: 500, last_error: 'the receiver answered 500' });
  expect(lost?.attempts).toBeGreaterThanOrEqual(6);
  expect(kept).toMatchObject({ status: 'delivered', attempts: 1 });
  expect(receiver.received.map((delivery) => delivery.json.name).slice(-2)).toEqual(['Lost', 'Kept']);
});

test('deleting a webhook drops what was not yet delivered to it', async () => {
  const hook = await webhook(['contact_created']);
  await server.request('POST', `${A()}/contacts`, admin({ name: 'Dropped', email: `drop-${Date.now()}@example.com` }));
  await server.container.dispatcher.runOnce();
  expect(await server.db('webhook_deliveries').where({ webhook_id: hook.id })).toHaveLength(1);
  await deleteWebhook(hook.id);
  await server.container.deliveryWorker.runOnce();
  expect(receiver.received).toHaveLength(0);
});

test("an API inbox's address gets its conversation and message events, private notes too but no activity", async () => {
  const inbox = await server.request<{ id: number; inbox_identifier: string; secret: string }>(
    'POST',
    `${A()}/inboxes`,
    admin({ name: 'Hooked app', channel: { type: 'api', webhook_url: receiver.url } }),
  );
  const contact = await server.request<{ source_id: string }>(
    'POST',
    `/public/api/v1/inboxes/${inbox.body.inbox_identifier}/contacts`,
    { body: { name: 'Iris Inbox' } },
  );
  const conversations = `/public/api/v1/inboxes/${inbox.body.inbox_identifier}/contacts/${contact.body.source_id}/conversations`;
  const started = await server.request<{ id: number }>('POST', conversations, { body: {} });
  await server.request('POST', `${conversations}/${started.body.id}/messages`, {
    body: { content: 'Hello\\\nthere\n\n' },
  });
  await server.request(
    'POST',
    `${A()}/conversations/${started.body.id}/messages`,
    admin({ content: 'note', private: true }),
  );
  await server.request('POST', `${A()}/conversations/${started.body.id}/toggle_status`, admin({ status: 'resolved' }));
  await deliver();
  const events = receiver.received.map((delivery) => delivery.json.event);
  expect(events).toEqual([
    'conversation_created',
    'message_created',
    'message_created',
    'conversation_status_changed',
    'conversation_updated',
  ]);
  const [, incoming, note, statusChange] = receiver.received.map((delivery) => delivery.json);
  expect(incoming).toMatchObject({
    content: 'Hello\nthere',
    message_type: 'incoming',
    content_type: 'text',
    private: false,
    inbox: { id: inbox.body.id, name: 'Hooked app' },
    sender: { name: 'Iris Inbox', avatar: '' },
    conversation: { id: started.body.id, inbox_id: inbox.body.id, channel: 'Channel::Api', status: 'open' },
  });
  expect(incoming?.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(incoming?.sender).not.toHaveProperty('type');
  expect(note).toMatchObject({ private: true, message_type: 'outgoing', sender: { type: 'user' } });
  expect(statusChange).toMatchObject({
    status: 'resolved',
    changed_attributes: [{ status: { previous_value: 'open', current_value: 'resolved' } }],
  });
  for (const delivery of receiver.received) {
    expect(signedWith(inbox.body.secret, delivery.headers, delivery.body)).toBe(true);
  }
});

test('an API inbox message whose delivery is given up is marked failed with the error', async () => {
  const inbox = await server.request<{ id: number; inbox_identifier: string }>(
    'POST',
    `${A()}/inboxes`,
    admin({ name: 'Failing app', channel: { type: 'api', webhook_url: `${receiver.url}/failing` } }),
  );
  receiver.answer = 502;
  const contact = await server.request<{ source_id: string }>(
    'POST',
    `/public/api/v1/inboxes/${inbox.body.inbox_identifier}/contacts`,
    { body: {} },
  );
  const conversations = `/public/api/v1/inboxes/${inbox.body.inbox_identifier}/contacts/${contact.body.source_id}/conversations`;
  const started = await server.request<{ id: number }>('POST', conversations, { body: {} });
  const reply = await server.request<{ id: number }>(
    'POST',
    `${A()}/conversations/${started.body.id}/messages`,
    admin({ content: 'We are on it' }),
  );
  await deliver();
  for (let step = 0; step < 30; step++) {
    clock.advance(600);
    await deliver();
  }
  const message = await server.db('messages').where({ id: reply.body.id }).first();
  expect(message?.status).toBe('failed');
  expect(JSON.stringify(message?.content_attributes)).toContain('the receiver answered 502');
  // Marking it failed is an update, posted to the same inbox; giving that up too leaves the message as it is, rather
  // than updating it again and posting another update, round after round, while the receiver stays down.
  const updates = await server
    .db('domain_events')
    .where({ name: 'message_updated', subject_type: 'message', subject_id: reply.body.id });
  expect(updates).toHaveLength(1);
  const deliveries = await server
    .db('webhook_deliveries')
    .where({ message_id: reply.body.id, inbox_id: inbox.body.id });
  expect(deliveries.map((delivery) => [delivery.event, delivery.status])).toEqual([
    ['message_created', 'failed'],
    ['message_updated', 'failed'],
  ]);
});

test('deliveries to private addresses are refused unless allowed', async () => {
  const guarded = await startTestServer({ clock, webhookDelivery: { timeoutMs: 2000, retryPeriodSeconds: 60 } });
  try {
    const account = await createAccountFixture(guarded);
    const path = `/api/v1/accounts/${account.accountId}`;
    for (const url of [receiver.url, receiver.url.replace('127.0.0.1', 'localhost')]) {
      await guarded.request('POST', `${path}/webhooks`, {
        token: account.admin.token,
        body: { url, subscriptions: ['contact_created'] },
      });
    }
    await guarded.request('POST', `${path}/contacts`, {
      token: account.admin.token,
      body: { name: 'Guarded', email: 'guarded@example.com' },
    });
    await guarded.container.dispatcher.runOnce();
    await guarded.container.deliveryWorker.runOnce();
    expect(receiver.received).toHaveLength(0);
    const rows = await guarded.db('webhook_deliveries').orderBy('id');
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.last_error).toMatch(/private address/);
  } finally {
    await guarded.close();
  }
});

test('a bot that cannot be reached hands its pending conversation to the agents after three attempts', async () => {
  const bot = await server.request<{ id: number }>(
    'POST',
    `${A()}/agent_bots`,
    admin({ name: 'Flaky bot', outgoing_url: `${receiver.url}/bot` }),
  );
  const inbox = await server.request<{ id: number; inbox_identifier: string }>(
    'POST',
    `${A()}/inboxes`,
    admin({ name: 'Bot front', channel: { type: 'api' } }),
  );
  await server.request('POST', `${A()}/inboxes/${inbox.body.id}/set_agent_bot`, admin({ agent_bot: bot.body.id }));
  receiver.answer = 500;
  const contact = await server.request<{ source_id: string }>(
    'POST',
    `/public/api/v1/inboxes/${inbox.body.inbox_identifier}/contacts`,
    { body: {} },
  );
  const conversations = `/public/api/v1/inboxes/${inbox.body.inbox_identifier}/contacts/${contact.body.source_id}/conversations`;
  const started = await server.request<{ id: number; status: string }>('POST', conversations, { body: {} });
  expect(started.body.status).toBe('pending');
  await server.request('POST', `${conversations}/${started.body.id}/messages`, { body: { content: 'Anyone?' } });
  await deliver();
  for (let attempt = 0; attempt < 3; attempt++) {
    clock.advance(5);
    await server.container.deliveryWorker.runOnce();
  }
  expect(receiver.received.filter((delivery) => delivery.json.event === 'message_created')).toHaveLength(3);
  const shown = await server.request<{ status: string }>('GET', `${A()}/conversations/${started.body.id}`, admin());
  expect(shown.body.status).toBe('open');
  const messages = await server.request<{ payload: Array<{ content: string }> }>(
    'GET',
    `${A()}/conversations/${started.body.id}/messages`,
    admin(),
  );
  expect(messages.body.payload.at(-1)?.content).toBe(
    'Conversation was marked open by system due to an error with the agent bot.',
  );
});

test("administrators see a webhook's deliveries and have a finished one delivered again", async () => {
  const hook = await webhook(['contact_created']);
  await server.request('POST', `${A()}/contacts`, admin({ name: 'Again', email: `again-${Date.now()}@example.com` }));
  await deliver();
  const toHook = () => receiver.received.filter((delivery) => delivery.json.name === 'Again');
  const listed = await server.request<{ payload: Array<Record<string, unknown>> }>(
    'GET',
    `${A()}/webhooks/${hook.id}/deliveries`,
    admin(),
  );
  expect(listed.body.payload).toEqual([
    {
      id: expect.any(Number),
      delivery_id: toHook()[0]?.headers['x-chatwoot-delivery'],
      event: 'contact_created',
      status: 'delivered',
      attempts: 1,
      last_status_code: 200,
      last_error: null,
      created_at: expect.any(Number),
      next_attempt_at: null,
      finished_at: expect.any(Number),
    },
  ]);
  const id = listed.body.payload[0]?.id;
  const again = await server.request('POST', `${A()}/webhooks/${hook.id}/deliveries/${id}/redeliver`, admin());
  expect(again.body).toMatchObject({ status: 'pending', next_attempt_at: expect.any(Number) });
  const whileWaiting = await server.request<{ attributes: string[] }>(
    'POST',
    `${A()}/webhooks/${hook.id}/deliveries/${id}/redeliver`,
    admin(),
  );
  expect([whileWaiting.status, whileWaiting.body.attributes]).toEqual([422, ['delivery_id']]);
  await drain();
  expect(toHook().map((delivery) => delivery.headers['x-chatwoot-delivery'])).toEqual([
    listed.body.payload[0]?.delivery_id,
    listed.body.payload[0]?.delivery_id,
  ]);
  const asAgent = await server.request('GET', `${A()}/webhooks/${hook.id}/deliveries`, { token: fixture.agent.token });
  expect(asAgent.status).toBe(401);
});

describe("each event's body, as the reference shapes it", () => {
  const conversationKeys = [
    'account',
    'additional_attributes',
    'agent_last_seen_at',
    'can_reply',
    'channel',
    'contact_inbox',
    'contact_last_seen_at',
    'created_at',
    'custom_attributes',
    'first_reply_created_at',
    'id',
    'inbox_id',
    'labels',
    'last_activity_at',
    'messages',
    'meta',
    'priority',
    'snoozed_until',
    'status',
    'timestamp',
    'unread_count',
    'updated_at',
    'waiting_since',
  ];

  test('conversation, message, typing and inbox events', async () => {
    await webhook([
      'conversation_created',
      'message_created',
      'conversation_typing_on',
      'inbox_created',
      'contact_updated',
    ]);
    const inbox = await server.request<{ id: number; inbox_identifier: string }>(
      'POST',
      `${A()}/inboxes`,
      admin({ name: 'Shaped', channel: { type: 'api' } }),
    );
    const contact = await server.request<{ source_id: string }>(
      'POST',
      `/public/api/v1/inboxes/${inbox.body.inbox_identifier}/contacts`,
      { body: { name: 'Sam Shape' } },
    );
    const conversations = `/public/api/v1/inboxes/${inbox.body.inbox_identifier}/contacts/${contact.body.source_id}/conversations`;
    const started = await server.request<{ id: number }>('POST', conversations, { body: {} });
    await server.request('POST', `${conversations}/${started.body.id}/toggle_typing`, {
      body: { typing_status: 'on' },
    });
    await server.request('POST', `${conversations}/${started.body.id}/messages`, { body: { content: 'Hello?' } });
    await server.request('POST', `${A()}/conversations/${started.body.id}/messages`, admin({ content: 'Hi Sam' }));
    await deliver();
    const byEvent = new Map(receiver.received.map((delivery) => [delivery.json.event, delivery.json]));
    expect([...byEvent.keys()].sort()).toEqual([
      'contact_updated',
      'conversation_created',
      'conversation_typing_on',
      'inbox_created',
      'message_created',
    ]);

    const created = byEvent.get('conversation_created');
    expect(Object.keys(created ?? {}).sort()).toEqual([...conversationKeys, 'event'].sort());
    expect(created).toMatchObject({
      id: started.body.id,
      channel: 'Channel::Api',
      status: 'open',
      messages: [],
      labels: [],
      first_reply_created_at: null,
      contact_inbox: { source_id: contact.body.source_id, hmac_verified: false, pubsub_token: expect.any(String) },
      meta: { sender: { name: 'Sam Shape', type: 'contact' }, assignee: null, assignee_type: null, team: null },
    });
    expect(typeof created?.updated_at).toBe('number');

    const message = byEvent.get('message_created');
    expect(Object.keys(message ?? {}).sort()).toEqual(
      [
        'account',
        'additional_attributes',
        'content',
        'content_attributes',
        'content_type',
        'conversation',
        'created_at',
        'event',
        'id',
        'inbox',
        'message_type',
        'private',
        'sender',
        'source_id',
      ].sort(),
    );
    expect(message?.sender).toEqual({ id: fixture.admin.id, name: 'admin', email: fixture.admin.email, type: 'user' });
    expect(message?.conversation.messages).toEqual([expect.objectContaining({ content: 'Hi Sam', message_type: 1 })]);
    expect(message?.conversation.first_reply_created_at).toMatch(/^\d{4}-/);

    const typing = byEvent.get('conversation_typing_on');
    expect(Object.keys(typing ?? {}).sort()).toEqual(['conversation', 'event', 'is_private', 'user']);
    expect(typing?.user).toMatchObject({ name: 'Sam Shape', avatar: '' });
    expect(typing?.is_private).toBe(false);

    const inboxCreated = byEvent.get('inbox_created');
    expect(inboxCreated).not.toHaveProperty('id');
    expect(inboxCreated).not.toHaveProperty('name');
    expect(inboxCreated).toMatchObject({
      account: { id: fixture.accountId },
      channel: { channel_type: 'Channel::Api', account_id: fixture.accountId, identifier: expect.any(String) },
      greeting_enabled: false,
      timezone: 'UTC',
    });
    expect(JSON.stringify(inboxCreated)).not.toMatch(/hmac_token|"secret"/);

    const contactUpdated = byEvent.get('contact_updated');
    expect(contactUpdated).toMatchObject({
      name: 'Sam Shape',
      changed_attributes: [
        {
          last_activity_at: {
            previous_value: null,
            current_value: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d:]{8}\.000Z$/),
          },
        },
      ],
    });
  });
});
