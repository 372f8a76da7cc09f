import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { manualClock, startTestServer, type TestServer } from '@inquirly/server/testing';
import { createInquirlyClient, type InquirlyClient, unwrap } from '../src';
import { accountWithAdministrator } from './account-with-administrator';

/**
 * A desk day heard through a webhook: a receiver that verifies every signature subscribes to every event, goes away
 * in the middle of the day and comes back, and ends up with every event of the day, once each, in order.
 */
const clock = manualClock(1_796_000_000);
let server: TestServer;
let admin: InquirlyClient;
let accountId: number;

/** A receiver on this machine, as an integration's endpoint is: it checks signatures and can go down. */
class Receiver {
  readonly received: Array<{ deliveryId: string; event: string; body: Record<string, any> }> = [];
  readonly forged: string[] = [];
  secret = '';
  private server: http.Server | undefined;
  port = 0;

  async start(): Promise<void> {
    const listening = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const expected = `sha256=${createHmac('sha256', this.secret).update(`${req.headers['x-chatwoot-timestamp']}.${raw}`).digest('hex')}`;
        const given = String(req.headers['x-chatwoot-signature'] ?? '');
        const deliveryId = String(req.headers['x-chatwoot-delivery']);
        if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
          this.forged.push(deliveryId);
          res.writeHead(401).end();
          return;
        }
        const body = JSON.parse(raw);
        this.received.push({ deliveryId, event: body.event, body });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => listening.listen(this.port, '127.0.0.1', resolve));
    this.port = (listening.address() as AddressInfo).port;
    this.server = listening;
  }

  async stop(): Promise<void> {
    const stopping = this.server;
    this.server = undefined;
    stopping?.closeAllConnections();
    await new Promise((resolve) => stopping?.close(resolve));
  }
}

const receiver = new Receiver();

beforeAll(async () => {
  server = await startTestServer({
    clock,
    webhookDelivery: { allowPrivateNetworks: true, timeoutMs: 2000, retryPeriodSeconds: 6 * 3600 },
  });
  await receiver.start();
  ({ accountId, admin } = await accountWithAdministrator(server, 'Hook Day', 'ada@hooks.example'));
}, 30_000);
afterAll(async () => {
  await receiver.stop();
  await server.close();
});

/** Hands the day's events on, then makes every delivery that is due. */
async function deliver(): Promise<void> {
  await server.container.dispatcher.runOnce();
  while ((await server.container.deliveryWorker.runOnce()) > 0);
}

it('hears every event of the day, signed, once each and in order, through an outage', async () => {
  const inAccount = { path: { account_id: accountId } };
  const hook = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/webhooks', {
      params: inAccount,
      body: {
        url: `http://127.0.0.1:${receiver.port}/events`,
        subscriptions: [
          'conversation_created',
          'conversation_updated',
          'conversation_status_changed',
          'message_created',
          'message_updated',
          'contact_created',
          'contact_updated',
          'inbox_created',
          'inbox_updated',
          'conversation_typing_on',
          'conversation_typing_off',
        ],
      },
    }),
  );
  receiver.secret = hook.payload.webhook.secret;

  const inbox = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/inboxes', {
      params: inAccount,
      body: { name: 'App', channel: { type: 'api' } },
    }),
  );
  const visitor = createInquirlyClient({ baseUrl: server.url });
  const inboxIdentifier = inbox.inbox_identifier ?? '';
  const contact = await unwrap(
    visitor.POST('/public/api/v1/inboxes/{inbox_identifier}/contacts', {
      params: { path: { inbox_identifier: inboxIdentifier } },
      body: { name: 'Vic Visitor' },
    }),
  );
  const session = { inbox_identifier: inboxIdentifier, contact_identifier: contact.source_id };
  const conversation = await unwrap(
    visitor.POST('/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations', {
      params: { path: session },
      body: {},
    }),
  );
  const inConversation = { ...session, conversation_id: conversation.id };
  const publicPath =
    '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}';
  await unwrap(visitor.POST(`${publicPath}/messages`, { params: { path: inConversation }, body: { content: 'Hi' } }));
  await deliver();

  // The receiver goes away; the day goes on.
  await receiver.stop();
  const inAgentConversation = { path: { account_id: accountId, conversation_id: conversation.id } };
  await unwrap(
    visitor.POST(`${publicPath}/toggle_typing`, { params: { path: inConversation }, body: { typing_status: 'on' } }),
  );
  await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages', {
      params: inAgentConversation,
      body: { content: 'Hello Vic, how can we help?' },
    }),
  );
  await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages', {
      params: inAgentConversation,
      body: { content: 'Regular customer', private: true },
    }),
  );
  await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/conversations/{conversation_id}/labels', {
      params: inAgentConversation,
      body: { labels: ['billing'] },
    }),
  );
  await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_status', {
      params: inAgentConversation,
      body: { status: 'resolved' },
    }),
  );
  await deliver();
  const beforeComingBack = receiver.received.length;

  // It comes back; the retries find it.
  await receiver.start();
  for (let minute = 0; minute < 30; minute++) {
    clock.advance(60);
    await deliver();
  }
  expect(receiver.forged).toEqual([]);
  expect(receiver.received.length).toBeGreaterThan(beforeComingBack);
  expect((await server.db('webhook_deliveries').where('attempts', '>', 1)).length).toBeGreaterThan(0);

  // Every event the day recorded that the webhook subscribes to, in the order recorded.
  const subscribed = new Set<string>(hook.payload.webhook.subscriptions);
  const recorded = await server.db('domain_events').where({ account_id: accountId }).orderBy('id');
  const expected = recorded
    .filter((event) => subscribed.has(event.name))
    .filter((event) => {
      const data = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
      if (event.name.startsWith('message_')) return data.message.message_type !== 'activity';
      if (event.name === 'contact_updated') return data.changed_attributes?.length !== 0;
      return true;
    })
    .map((event) => event.name);
  expect(receiver.received.map((delivery) => delivery.event)).toEqual(expected);
  expect(new Set(receiver.received.map((delivery) => delivery.deliveryId)).size).toBe(receiver.received.length);
  expect(expected).toEqual(
    expect.arrayContaining(['conversation_typing_on', 'conversation_status_changed', 'conversation_updated']),
  );

  const messages = receiver.received.filter((delivery) => delivery.event === 'message_created').map((d) => d.body);
  expect(messages.map((message) => [message.message_type, message.private, message.content])).toEqual([
    ['incoming', false, 'Hi'],
    ['outgoing', false, 'Hello Vic, how can we help?'],
    ['outgoing', true, 'Regular customer'],
  ]);
  const resolved = receiver.received.find((delivery) => delivery.event === 'conversation_status_changed');
  expect(resolved?.body).toMatchObject({
    id: conversation.id,
    status: 'resolved',
    labels: ['billing'],
    changed_attributes: [{ status: { previous_value: 'open', current_value: 'resolved' } }],
  });
});
