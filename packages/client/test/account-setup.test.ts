import { startTestServer, type TestServer } from '@inquirly/server/testing';
import { createInquirlyClient, type InquirlyClient, unwrap } from '../src';

/**
 * An administrator sets up a whole account through the client: agents, a team, an API inbox and a web-widget inbox
 * with members, a bot on an inbox, canned responses, attribute definitions and a saved filter. Then an agent of the
 * account sees what an agent should.
 */
let server: TestServer;
let platform: InquirlyClient;

beforeAll(async () => {
  server = await startTestServer();
  platform = createInquirlyClient({ baseUrl: server.url, token: await server.createPlatformApp('Provisioning') });
});
afterAll(() => server.close());

it('sets up a whole account as its administrator', async () => {
  const account = await unwrap(platform.POST('/platform/api/v1/accounts', { body: { name: 'Acme Support' } }));
  const owner = await unwrap(
    platform.POST('/platform/api/v1/users', { body: { name: 'Olivia Owner', email: 'olivia@acme.example' } }),
  );
  await unwrap(
    platform.POST('/platform/api/v1/accounts/{account_id}/account_users', {
      params: { path: { account_id: account.id } },
      body: { user_id: owner.id, role: 'administrator' },
    }),
  );
  const admin = createInquirlyClient({ baseUrl: server.url, token: owner.access_token });
  const inAccount = { path: { account_id: account.id } };

  const sam = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/agents', {
      params: inAccount,
      body: { name: 'Sam Rivera', email: 'sam@acme.example', role: 'agent' },
    }),
  );
  const lee = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/agents', {
      params: inAccount,
      body: { name: 'Lee Chen', email: 'lee@acme.example', role: 'administrator', availability_status: 'busy' },
    }),
  );
  expect(sam).toMatchObject({ role: 'agent', confirmed: false, availability_status: 'online' });
  expect(lee).toMatchObject({ role: 'administrator', availability_status: 'busy' });
  const agents = await unwrap(admin.GET('/api/v1/accounts/{account_id}/agents', { params: inAccount }));
  expect(agents.map((agent) => agent.email)).toEqual(['olivia@acme.example', 'sam@acme.example', 'lee@acme.example']);

  const billing = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/teams', {
      params: inAccount,
      body: { name: 'Billing', description: 'Invoices and refunds' },
    }),
  );
  const billingMembers = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/teams/{team_id}/team_members', {
      params: { path: { account_id: account.id, team_id: billing.id } },
      body: { user_ids: [sam.id, lee.id] },
    }),
  );
  expect(billingMembers.map((member) => member.id)).toEqual([sam.id, lee.id]);

  const apiInbox = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/inboxes', {
      params: inAccount,
      body: { name: 'Support API', channel: { type: 'api', webhook_url: 'https://hooks.acme.example/inquirly' } },
    }),
  );
  expect(apiInbox).toMatchObject({ channel_type: 'Channel::Api', webhook_url: 'https://hooks.acme.example/inquirly' });
  expect(apiInbox.inbox_identifier).toEqual(expect.any(String));

  const widgetInbox = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/inboxes', {
      params: inAccount,
      body: {
        name: 'Website chat',
        channel: { type: 'web_widget', website_url: 'https://acme.example', welcome_title: 'Hi there!' },
      },
    }),
  );
  expect(widgetInbox).toMatchObject({ channel_type: 'Channel::WebWidget', welcome_title: 'Hi there!' });
  expect(widgetInbox.web_widget_script).toContain(widgetInbox.website_token ?? 'missing token');

  await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/inbox_members', {
      params: inAccount,
      body: { inbox_id: apiInbox.id, user_ids: [sam.id] },
    }),
  );
  await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/inbox_members', {
      params: inAccount,
      body: { inbox_id: widgetInbox.id, user_ids: [sam.id, lee.id] },
    }),
  );
  const widgetMembers = await unwrap(
    admin.GET('/api/v1/accounts/{account_id}/inbox_members/{inbox_id}', {
      params: { path: { account_id: account.id, inbox_id: widgetInbox.id } },
    }),
  );
  expect(widgetMembers.payload.map((member) => member.id)).toEqual([sam.id, lee.id]);

  const triage = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/agent_bots', {
      params: inAccount,
      body: { name: 'Triage', outgoing_url: 'https://bots.acme.example/triage' },
    }),
  );
  expect(triage.access_token).toEqual(expect.any(String));
  await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/inboxes/{id}/set_agent_bot', {
      params: { path: { account_id: account.id, id: apiInbox.id } },
      body: { agent_bot: triage.id },
    }),
  );

  await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/canned_responses', {
      params: inAccount,
      body: { short_code: 'refund', content: 'Your refund is on its way.' },
    }),
  );
  await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/canned_responses', {
      params: inAccount,
      body: { short_code: 'hello', content: 'Hello! How can we help?' },
    }),
  );

  const plan = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/custom_attribute_definitions', {
      params: inAccount,
      body: {
        attribute_display_name: 'Plan',
        attribute_key: 'plan',
        attribute_model: 'contact_attribute',
        attribute_display_type: 'list',
        attribute_values: ['free', 'pro', 'enterprise'],
      },
    }),
  );
  expect(plan).toMatchObject({ attribute_model: 'contact_attribute', attribute_display_type: 'list' });

  const openBilling = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/custom_filters', {
      params: inAccount,
      body: {
        name: 'Open billing conversations',
        filter_type: 'conversation',
        query: {
          payload: [
            { attribute_key: 'status', filter_operator: 'equal_to', values: ['open'], query_operator: 'and' },
            { attribute_key: 'team_id', filter_operator: 'equal_to', values: [billing.id] },
          ],
        },
      },
    }),
  );

  // The new agent signs in with the token the provisioning system fetches for them.
  const samAsUser = await unwrap(
    platform.POST('/platform/api/v1/users', { body: { name: 'Sam Rivera', email: 'sam@acme.example' } }),
  );
  expect(samAsUser.id).toBe(sam.id);
  const asSam = createInquirlyClient({ baseUrl: server.url, token: samAsUser.access_token });

  const samInboxes = await unwrap(asSam.GET('/api/v1/accounts/{account_id}/inboxes', { params: inAccount }));
  expect(samInboxes.payload.map((inbox) => inbox.name)).toEqual(['Support API', 'Website chat']);
  expect(samInboxes.payload.every((inbox) => inbox.hmac_token === undefined)).toBe(true);

  const teams = await unwrap(asSam.GET('/api/v1/accounts/{account_id}/teams', { params: inAccount }));
  expect(teams).toEqual([expect.objectContaining({ name: 'Billing', is_member: true })]);

  const bot = await unwrap(
    asSam.GET('/api/v1/accounts/{account_id}/inboxes/{id}/agent_bot', {
      params: { path: { account_id: account.id, id: apiInbox.id } },
    }),
  );
  expect(bot.agent_bot).toMatchObject({ id: triage.id, name: 'Triage' });

  const replies = await unwrap(
    asSam.GET('/api/v1/accounts/{account_id}/canned_responses', {
      params: { ...inAccount, query: { search: 'refund' } },
    }),
  );
  expect(replies.map((reply) => reply.short_code)).toEqual(['refund']);

  const attributes = await unwrap(
    asSam.GET('/api/v1/accounts/{account_id}/custom_attribute_definitions', {
      params: { ...inAccount, query: { attribute_model: 'contact_attribute' } },
    }),
  );
  expect(attributes.map((attribute) => attribute.attribute_key)).toEqual(['plan']);

  const samFilters = await unwrap(asSam.GET('/api/v1/accounts/{account_id}/custom_filters', { params: inAccount }));
  expect(samFilters).toEqual([]);
  const adminFilters = await unwrap(admin.GET('/api/v1/accounts/{account_id}/custom_filters', { params: inAccount }));
  expect(adminFilters.map((filter) => filter.id)).toEqual([openBilling.id]);
});
