import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
let inboxId: number;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
  const inbox = await server.request<{ id: number }>('POST', `/api/v1/accounts/${fixture.accountId}/inboxes`, {
    token: fixture.admin.token,
    body: { name: 'Bot inbox', channel: { type: 'api' } },
  });
  inboxId = inbox.body.id;
});
afterAll(() => server.close());

const A = () => `/api/v1/accounts/${fixture.accountId}`;
const admin = (body?: unknown) => ({ token: fixture.admin.token, ...(body !== undefined && { body }) });

interface App {
  id: string;
  enabled: boolean;
  active: boolean;
  hook_type: string;
  allow_multiple_hooks: boolean;
  action?: string;
  hooks: Array<Record<string, unknown>>;
}

const apps = async (token = fixture.admin.token) =>
  (await server.request<{ payload: App[] }>('GET', `${A()}/integrations/apps`, { token })).body.payload;

test('the catalogue lists the apps, none connected at first, for any member', async () => {
  const listed = await apps(fixture.agent.token);
  expect(listed.map((app) => app.id)).toEqual(
    expect.arrayContaining(['webhook', 'dialogflow', 'google_translate', 'openai', 'slack']),
  );
  expect(listed.every((app) => !app.enabled && app.hooks.length === 0)).toBe(true);
  expect(listed.find((app) => app.id === 'slack')).toMatchObject({ active: false });
  expect(listed.find((app) => app.id === 'dialogflow')).toMatchObject({
    active: true,
    hook_type: 'inbox',
    allow_multiple_hooks: true,
  });
  expect(listed[0]).not.toHaveProperty('action');
  expect((await apps())[0]).toHaveProperty('action');
});

test('an administrator connects an inbox app, with or without the hook root key, and sees its shown settings', async () => {
  const created = await server.request<Record<string, unknown>>(
    'POST',
    `${A()}/integrations/hooks`,
    admin({
      hook: {
        app_id: 'dialogflow',
        inbox_id: inboxId,
        settings: { project_id: 'acme-bot', credentials: { private_key: 'secret-key' } },
      },
    }),
  );
  expect(created.status).toBe(200);
  expect(created.body).toEqual({
    id: expect.any(Number),
    app_id: 'dialogflow',
    status: true,
    inbox: { id: inboxId, name: 'Bot inbox' },
    account_id: fixture.accountId,
    hook_type: 'inbox',
    settings: { project_id: 'acme-bot' },
    reference_id: null,
  });
  const dialogflow = (await apps()).find((app) => app.id === 'dialogflow');
  expect(dialogflow).toMatchObject({ enabled: true, hooks: [{ id: created.body.id }] });
  const seenByAgent = (await apps(fixture.agent.token)).find((app) => app.id === 'dialogflow');
  expect(seenByAgent?.hooks[0]).not.toHaveProperty('settings');

  const updated = await server.request(
    'PATCH',
    `${A()}/integrations/hooks/${created.body.id}`,
    admin({ status: 'disabled' }),
  );
  expect(updated.body).toMatchObject({ status: false, settings: { project_id: 'acme-bot' } });
  const event = await server.db('domain_events').where({ name: 'integration_hook_created' }).first();
  expect(JSON.stringify(event?.data)).not.toContain('secret-key');

  expect((await server.request('DELETE', `${A()}/integrations/hooks/${created.body.id}`, admin())).status).toBe(200);
  expect((await server.request('DELETE', `${A()}/integrations/hooks/${created.body.id}`, admin())).status).toBe(404);
});

test('refuses what cannot be connected here, naming the field', async () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ app_id: 'no_such_app', settings: {} }, 'app_id'],
    [{ app_id: 'slack', settings: {} }, 'app_id'],
    [{ app_id: 'webhook', settings: {} }, 'app_id'],
    [{ app_id: 'dialogflow', settings: { project_id: 'x', credentials: {} } }, 'inbox_id'],
    [{ app_id: 'dialogflow', inbox_id: 2_000_000_000, settings: { project_id: 'x', credentials: {} } }, 'inbox_id'],
    [{ app_id: 'openai', settings: { api_key: '  ' } }, 'settings.api_key'],
  ];
  for (const [body, field] of cases) {
    const refused = await server.request<{ attributes: string[] }>('POST', `${A()}/integrations/hooks`, admin(body));
    expect([refused.status, refused.body.attributes]).toEqual([422, [field]]);
  }
});

test('an app that takes one hook takes one; agents may not connect apps', async () => {
  const body = { app_id: 'openai', settings: { api_key: 'sk-test', label_suggestion: true } };
  const first = await server.request('POST', `${A()}/integrations/hooks`, admin(body));
  expect(first.body).toMatchObject({ hook_type: 'account', inbox: null, settings: { label_suggestion: true } });
  const second = await server.request<{ attributes: string[] }>('POST', `${A()}/integrations/hooks`, admin(body));
  expect([second.status, second.body.attributes]).toEqual([422, ['app_id']]);
  const asAgent = await server.request('POST', `${A()}/integrations/hooks`, { token: fixture.agent.token, body });
  expect(asAgent.status).toBe(401);
});
