import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
let apiInbox: any;
let widgetInbox: any;
let emailInbox: any;
let agentsInbox: any;
let foreignInbox: any;

const accountPath = (accountId: number) => `/api/v1/accounts/${accountId}`;
const inboxPath = (inboxId: number, accountId = fixture.accountId) => `${accountPath(accountId)}/inboxes/${inboxId}`;

async function createInbox(body: unknown, accountId = fixture.accountId, as = fixture.admin.token) {
  const response = await server.request('POST', `${accountPath(accountId)}/inboxes`, { token: as, body });
  if (response.status !== 200) throw new Error(`inbox creation answered ${response.status}`);
  return response.body;
}

beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
  widgetInbox = await createInbox({
    name: 'website',
    channel: { type: 'web_widget', website_url: 'https://a.example' },
  });
  apiInbox = await createInbox({ name: 'API', channel: { type: 'api' } });
  emailInbox = await createInbox({ name: 'Mail', channel: { type: 'email', email: 'mail@inboxes.example' } });
  agentsInbox = await createInbox({ name: 'Agents only', channel: { type: 'api' } });
  foreignInbox = await createInbox(
    { name: 'Foreign', channel: { type: 'api' } },
    fixture.otherAccountId,
    fixture.outsider.token,
  );
  await server.request('POST', `${accountPath(fixture.accountId)}/inbox_members`, {
    token: fixture.admin.token,
    body: { inbox_id: agentsInbox.id, user_ids: [fixture.agent.id] },
  });
});
afterAll(() => server.close());

describe('listing inboxes', () => {
  test('shows an administrator every inbox of the account, by name', async () => {
    const response = await server.request('GET', `${accountPath(fixture.accountId)}/inboxes`, {
      token: fixture.admin.token,
    });
    expect(response.status).toBe(200);
    expect(response.body.payload.map((inbox: { name: string }) => inbox.name)).toEqual([
      'Agents only',
      'API',
      'Mail',
      'website',
    ]);
    expect(response.body.payload[1]).toEqual(apiInbox);
  });

  test('shows an agent only the inboxes they are a member of, without secrets', async () => {
    const response = await server.request('GET', `${accountPath(fixture.accountId)}/inboxes`, {
      token: fixture.agent.token,
    });
    expect(response.status).toBe(200);
    expect(response.body.payload).toHaveLength(1);
    expect(response.body.payload[0]).toMatchObject({ id: agentsInbox.id, name: 'Agents only' });
    expect(response.body.payload[0].inbox_identifier).toBe(agentsInbox.inbox_identifier);
    expect(response.body.payload[0].hmac_token).toBeUndefined();
  });

  test('refuses a user of another account', async () => {
    const response = await server.request('GET', `${accountPath(fixture.accountId)}/inboxes`, {
      token: fixture.outsider.token,
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to access this account');
  });
});

describe('getting an inbox', () => {
  test('gives an administrator the bare inbox with its HMAC token', async () => {
    const response = await server.request('GET', inboxPath(widgetInbox.id), { token: fixture.admin.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(widgetInbox);
    expect(response.body.hmac_token).toMatch(/^[A-Za-z0-9]{24}$/);
  });

  test('gives an agent member the inbox without its HMAC token and signing secret', async () => {
    const response = await server.request('GET', inboxPath(agentsInbox.id), { token: fixture.agent.token });
    expect(response.status).toBe(200);
    const { hmac_token: _hidden, secret: _alsoHidden, ...visible } = agentsInbox;
    expect(response.body).toEqual(visible);
  });

  test('refuses an agent who is not a member of the inbox with the reference message', async () => {
    const response = await server.request('GET', inboxPath(apiInbox.id), { token: fixture.agent.token });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
  });

  test('hides the mail-server settings of an email inbox from agents', async () => {
    await server.request('POST', `${accountPath(fixture.accountId)}/inbox_members`, {
      token: fixture.admin.token,
      body: { inbox_id: emailInbox.id, user_ids: [fixture.agent.id] },
    });
    const asAgent = await server.request('GET', inboxPath(emailInbox.id), { token: fixture.agent.token });
    expect(asAgent.body.email).toBe('mail@inboxes.example');
    expect(asAgent.body.imap_address).toBeUndefined();
    expect(emailInbox.imap_address).toBe('');
  });

  test('answers 404 for an inbox of another account', async () => {
    const response = await server.request('GET', inboxPath(foreignInbox.id), { token: fixture.admin.token });
    expect(response.status).toBe(404);
    expect(response.body.error).toBe('Resource could not be found');
  });

  test('refuses an id beyond the 32-bit range, naming it', async () => {
    const response = await server.request('GET', inboxPath(99_999_999_999), { token: fixture.admin.token });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['id']);
  });

  test('refuses an id that is not a number, naming it', async () => {
    const response = await server.request('GET', `${accountPath(fixture.accountId)}/inboxes/abc`, {
      token: fixture.admin.token,
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['id']);
  });

  test('refuses a user of another account', async () => {
    const response = await server.request('GET', inboxPath(apiInbox.id), { token: fixture.outsider.token });
    expect(response.status).toBe(401);
  });
});

describe('updating an inbox', () => {
  test('changes the inbox settings and the channel settings given, and keeps the rest', async () => {
    const inbox = await createInbox({
      name: 'Before',
      channel: { type: 'web_widget', website_url: 'https://b.example' },
    });
    const response = await server.request('PATCH', inboxPath(inbox.id), {
      token: fixture.admin.token,
      body: {
        name: 'After',
        enable_auto_assignment: false,
        csat_survey_enabled: true,
        channel: { welcome_title: 'Welcome', widget_color: '#ff6600', selected_feature_flags: ['attachments'] },
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ...inbox,
      name: 'After',
      enable_auto_assignment: false,
      csat_survey_enabled: true,
      welcome_title: 'Welcome',
      widget_color: '#ff6600',
      selected_feature_flags: ['attachments'],
    });
    const again = await server.request('GET', inboxPath(inbox.id), { token: fixture.admin.token });
    expect(again.body).toEqual(response.body);
  });

  test('changes the working hours of the days listed only', async () => {
    const inbox = await createInbox({ name: 'Hours', channel: { type: 'api' } });
    const response = await server.request('PATCH', inboxPath(inbox.id), {
      token: fixture.admin.token,
      body: {
        working_hours: [
          { day_of_week: 1, open_all_day: true },
          { day_of_week: 2, closed_all_day: true },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.working_hours[1]).toMatchObject({ open_all_day: true, open_hour: 0, close_hour: 23 });
    expect(response.body.working_hours[2]).toMatchObject({ closed_all_day: true, open_hour: null });
    expect(response.body.working_hours.slice(3)).toEqual(inbox.working_hours.slice(3));
  });

  test('keeps the generated tokens whatever the request says', async () => {
    const response = await server.request('PATCH', inboxPath(apiInbox.id), {
      token: fixture.admin.token,
      body: { channel: { webhook_url: 'https://hooks.example.com/x', inbox_identifier: 'mine', hmac_token: 'mine' } },
    });
    expect(response.status).toBe(200);
    expect(response.body.webhook_url).toBe('https://hooks.example.com/x');
    expect(response.body.inbox_identifier).toBe(apiInbox.inbox_identifier);
    expect(response.body.hmac_token).toBe(apiInbox.hmac_token);
  });

  test('refuses a channel field of another channel type, naming it', async () => {
    const response = await server.request('PATCH', inboxPath(apiInbox.id), {
      token: fixture.admin.token,
      body: { channel: { widget_color: '#000000' } },
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['channel.widget_color']);
  });

  test('refuses an email address another inbox has', async () => {
    const other = await createInbox({ name: 'Other mail', channel: { type: 'email', email: 'other@inboxes.example' } });
    const response = await server.request('PATCH', inboxPath(other.id), {
      token: fixture.admin.token,
      body: { channel: { email: 'mail@inboxes.example' } },
    });
    const same = await server.request('PATCH', inboxPath(other.id), {
      token: fixture.admin.token,
      body: { channel: { email: 'other@inboxes.example', smtp_port: 587 } },
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['channel.email']);
    expect([same.status, same.body.smtp_port]).toEqual([200, 587]);
  });

  test('refuses invalid settings, naming them', async () => {
    const patch = (body: unknown) =>
      server.request('PATCH', inboxPath(apiInbox.id), { token: fixture.admin.token, body });
    const senderName = await patch({ sender_name_type: 'casual' });
    const webhook = await patch({ channel: { webhook_url: 'not a url' } });
    const zone = await patch({ timezone: 'Nowhere/City' });
    expect([senderName.status, senderName.body.attributes]).toEqual([422, ['sender_name_type']]);
    expect([webhook.status, webhook.body.attributes]).toEqual([422, ['channel.webhook_url']]);
    expect([zone.status, zone.body.attributes]).toEqual([422, ['timezone']]);
  });

  test('refuses an agent, even a member of the inbox', async () => {
    const response = await server.request('PATCH', inboxPath(agentsInbox.id), {
      token: fixture.agent.token,
      body: { name: 'Mine' },
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
  });

  test('answers 404 for an inbox of another account', async () => {
    const response = await server.request('PATCH', inboxPath(foreignInbox.id), {
      token: fixture.admin.token,
      body: { name: 'Taken over' },
    });
    expect(response.status).toBe(404);
  });

  test('refuses a user of another account', async () => {
    const response = await server.request('PATCH', inboxPath(apiInbox.id), {
      token: fixture.outsider.token,
      body: { name: 'Taken over' },
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to access this account');
  });
});
