import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

const A = () => `/api/v1/accounts/${fixture.accountId}`;
const asAdmin = (body?: unknown) => ({ token: fixture.admin.token, ...(body !== undefined && { body }) });

interface Webhook {
  id: number;
  name: string | null;
  url: string;
  account_id: number;
  subscriptions: string[];
  secret: string;
  inbox?: { id: number; name: string };
}

let addressCount = 0;
const newAddress = () => `https://hooks.example.com/${process.pid}/${++addressCount}`;

describe('managing webhooks', () => {
  test('creates one with a secret, with or without the webhook root key, and lists it', async () => {
    const url = newAddress();
    const created = await server.request<{ payload: { webhook: Webhook } }>(
      'POST',
      `${A()}/webhooks`,
      asAdmin({ webhook: { url, subscriptions: ['message_created', 'conversation_typing_on'], name: 'CRM' } }),
    );
    expect(created.status).toBe(200);
    expect(created.body.payload.webhook).toEqual({
      id: expect.any(Number),
      name: 'CRM',
      url,
      account_id: fixture.accountId,
      subscriptions: ['message_created', 'conversation_typing_on'],
      secret: expect.stringMatching(/^[A-Za-z0-9]{24}$/),
    });

    const bare = await server.request<{ payload: { webhook: Webhook } }>(
      'POST',
      `${A()}/webhooks`,
      asAdmin({ url: newAddress() }),
    );
    expect(bare.body.payload.webhook.subscriptions).toEqual([
      'conversation_created',
      'conversation_status_changed',
      'conversation_updated',
      'message_created',
      'message_updated',
      'webwidget_triggered',
    ]);
    expect(bare.body.payload.webhook.secret).not.toBe(created.body.payload.webhook.secret);

    const listed = await server.request<{ payload: { webhooks: Webhook[] } }>('GET', `${A()}/webhooks`, asAdmin());
    expect(listed.body.payload.webhooks.map((webhook) => webhook.url)).toEqual([url, bare.body.payload.webhook.url]);
  });

  test('refuses a taken address, a non-web address, an unknown event, no events and a foreign inbox, naming each', async () => {
    const url = newAddress();
    await server.request('POST', `${A()}/webhooks`, asAdmin({ url }));
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url }, 'url'],
      [{ url: 'ftp://files.example.com/drop' }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{ url: newAddress(), subscriptions: ['message_created', 'agent_joined'] }, 'subscriptions'],
      [{ url: newAddress(), subscriptions: [] }, 'subscriptions'],
      [{ url: newAddress(), inbox_id: 2_000_000_000 }, 'inbox_id'],
    ];
    for (const [body, field] of cases) {
      const refused = await server.request<{ attributes: string[] }>('POST', `${A()}/webhooks`, asAdmin(body));
      expect([refused.status, refused.body.attributes.join()]).toEqual([422, expect.stringContaining(field)]);
    }
  });

  test('updates the fields given and shows the inbox it was given; deletes it', async () => {
    const inbox = await server.request<{ id: number }>(
      'POST',
      `${A()}/inboxes`,
      asAdmin({ name: 'Hooked inbox', channel: { type: 'api' } }),
    );
    const created = await server.request<{ payload: { webhook: Webhook } }>(
      'POST',
      `${A()}/webhooks`,
      asAdmin({ url: newAddress(), subscriptions: ['contact_created'] }),
    );
    const id = created.body.payload.webhook.id;
    const updated = await server.request<{ payload: { webhook: Webhook } }>(
      'PATCH',
      `${A()}/webhooks/${id}`,
      asAdmin({ webhook: { subscriptions: ['contact_updated', 'inbox_created'], inbox_id: inbox.body.id } }),
    );
    expect(updated.status).toBe(200);
    expect(updated.body.payload.webhook).toMatchObject({
      url: created.body.payload.webhook.url,
      subscriptions: ['contact_updated', 'inbox_created'],
      secret: created.body.payload.webhook.secret,
      inbox: { id: inbox.body.id, name: 'Hooked inbox' },
    });

    expect((await server.request('DELETE', `${A()}/webhooks/${id}`, asAdmin())).status).toBe(200);
    expect((await server.request('DELETE', `${A()}/webhooks/${id}`, asAdmin())).status).toBe(404);
    expect((await server.request('PATCH', `${A()}/webhooks/${id}`, asAdmin({ name: 'x' }))).status).toBe(404);
  });

  test("agents may not manage webhooks, and another account's webhook is not found", async () => {
    const created = await server.request<{ payload: { webhook: Webhook } }>(
      'POST',
      `${A()}/webhooks`,
      asAdmin({ url: newAddress() }),
    );
    const agent = { token: fixture.agent.token };
    expect((await server.request('GET', `${A()}/webhooks`, agent)).status).toBe(401);
    expect((await server.request('POST', `${A()}/webhooks`, { ...agent, body: { url: newAddress() } })).status).toBe(
      401,
    );
    const foreign = await server.request(
      'DELETE',
      `/api/v1/accounts/${fixture.otherAccountId}/webhooks/${created.body.payload.webhook.id}`,
      { token: fixture.outsider.token },
    );
    expect(foreign.status).toBe(404);
  });
});

describe('signing secrets of agent bots and API inboxes', () => {
  test('an administrator sees and replaces an account bot secret', async () => {
    const bot = await server.request<{ id: number; secret?: string }>(
      'POST',
      `${A()}/agent_bots`,
      asAdmin({ name: 'Signer bot', outgoing_url: 'https://bot.example.com/in' }),
    );
    expect(bot.body.secret).toMatch(/^[A-Za-z0-9]{24}$/);
    const asAgent = await server.request<{ secret?: string }>('GET', `${A()}/agent_bots/${bot.body.id}`, {
      token: fixture.agent.token,
    });
    expect(asAgent.body).not.toHaveProperty('secret');
    const reset = await server.request<{ secret: string }>(
      'POST',
      `${A()}/agent_bots/${bot.body.id}/reset_secret`,
      asAdmin(),
    );
    expect(reset.status).toBe(200);
    expect(reset.body.secret).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(reset.body.secret).not.toBe(bot.body.secret);
    const agentReset = await server.request('POST', `${A()}/agent_bots/${bot.body.id}/reset_secret`, {
      token: fixture.agent.token,
    });
    expect(agentReset.status).toBe(401);
  });

  test("an API inbox's secret is shown to administrators and replaced; other inboxes have none", async () => {
    const api = await server.request<{ id: number; secret?: string }>(
      'POST',
      `${A()}/inboxes`,
      asAdmin({ name: 'Signed API', channel: { type: 'api', webhook_url: 'https://app.example.com/in' } }),
    );
    expect(api.body.secret).toMatch(/^[A-Za-z0-9]{24}$/);
    const reset = await server.request<{ secret: string }>(
      'POST',
      `${A()}/inboxes/${api.body.id}/reset_secret`,
      asAdmin(),
    );
    expect(reset.status).toBe(200);
    expect(reset.body.secret).not.toBe(api.body.secret);
    const widget = await server.request<{ id: number; secret?: string }>(
      'POST',
      `${A()}/inboxes`,
      asAdmin({ name: 'Site', channel: { type: 'web_widget', website_url: 'https://shop.example.com' } }),
    );
    expect(widget.body).not.toHaveProperty('secret');
    expect((await server.request('POST', `${A()}/inboxes/${widget.body.id}/reset_secret`, asAdmin())).status).toBe(404);
    const events = await server.db('domain_events').where({ name: 'inbox_secret_reset', subject_id: api.body.id });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]?.data)).not.toContain(reset.body.secret);
  });
});
