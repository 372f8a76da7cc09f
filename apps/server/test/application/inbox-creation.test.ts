import { inboxRepository } from '../../src/modules/inboxes/inbox-repository';
import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

const inboxesPath = (accountId: number) => `/api/v1/accounts/${accountId}/inboxes`;
const token = /^[A-Za-z0-9]{24}$/;

function create(body: unknown, as = fixture.admin.token) {
  return server.request('POST', inboxesPath(fixture.accountId), { token: as, body });
}

describe('creating an API inbox', () => {
  test('generates a public identifier and an HMAC token, and takes the default settings', async () => {
    const response = await create({
      name: 'Acme API',
      channel: { type: 'api', webhook_url: 'https://crm.example.com/events', additional_attributes: { crm: 'x' } },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Acme API',
      channel_type: 'Channel::Api',
      avatar_url: '',
      greeting_enabled: false,
      greeting_message: null,
      enable_auto_assignment: true,
      auto_assignment_config: {},
      enable_email_collect: true,
      csat_survey_enabled: false,
      working_hours_enabled: false,
      timezone: 'UTC',
      callback_webhook_url: null,
      allow_messages_after_resolved: true,
      lock_to_single_conversation: false,
      sender_name_type: 'friendly',
      business_name: null,
      webhook_url: 'https://crm.example.com/events',
      hmac_mandatory: false,
      additional_attributes: { crm: 'x' },
      website_token: null,
      web_widget_script: null,
      widget_color: null,
    });
    expect(response.body.channel_id).toBe(response.body.id);
    expect(response.body.inbox_identifier).toMatch(token);
    expect(response.body.hmac_token).toMatch(token);
    expect(response.body.email).toBeUndefined();
  });

  test('opens new inboxes Monday to Friday, 9:00 to 17:00', async () => {
    const response = await create({ name: 'Hours', channel: { type: 'api' } });
    const week = response.body.working_hours;
    expect(week).toHaveLength(7);
    expect(week[0]).toEqual(expect.objectContaining({ day_of_week: 0, closed_all_day: true, open_hour: null }));
    expect(week[1]).toEqual({
      day_of_week: 1,
      open_all_day: false,
      closed_all_day: false,
      open_hour: 9,
      open_minutes: 0,
      close_hour: 17,
      close_minutes: 0,
    });
    expect(week[6]).toEqual(expect.objectContaining({ day_of_week: 6, closed_all_day: true }));
  });

  test('gives every inbox its own identifiers', async () => {
    const created = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => create({ name: `Unique ${n}`, channel: { type: 'api' } })),
    );
    const identifiers = created.map((response) => response.body.inbox_identifier);
    const hmacTokens = created.map((response) => response.body.hmac_token);
    expect(new Set(identifiers).size).toBe(5);
    expect(new Set(hmacTokens).size).toBe(5);
  });

  test('lets the client API find the inbox by its identifier, and only an API inbox', async () => {
    const api = await create({ name: 'Findable', channel: { type: 'api' } });
    const widget = await create({ name: 'Widget', channel: { type: 'web_widget', website_url: 'https://a.example' } });
    const inboxes = inboxRepository(server.db);
    expect((await inboxes.findByIdentifier(api.body.inbox_identifier))?.id).toBe(api.body.id);
    expect(await inboxes.findByIdentifier(widget.body.website_token)).toBeUndefined();
    expect(await inboxes.findByIdentifier('no-such-identifier')).toBeUndefined();
  });

  test('stores the inbox settings given', async () => {
    const response = await create({
      name: '  Trimmed  ',
      channel: { type: 'api', hmac_mandatory: true },
      greeting_enabled: true,
      greeting_message: 'Hello!',
      enable_auto_assignment: false,
      auto_assignment_config: { max_assignment_limit: 5 },
      timezone: 'Europe/Paris',
      sender_name_type: 'professional',
      business_name: 'Acme',
      working_hours_enabled: true,
      out_of_office_message: 'We are away',
      working_hours: [{ day_of_week: 6, open_hour: 10, open_minutes: 0, close_hour: 14, close_minutes: 30 }],
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Trimmed',
      hmac_mandatory: true,
      greeting_enabled: true,
      greeting_message: 'Hello!',
      enable_auto_assignment: false,
      auto_assignment_config: { max_assignment_limit: 5 },
      timezone: 'Europe/Paris',
      sender_name_type: 'professional',
      business_name: 'Acme',
      working_hours_enabled: true,
      out_of_office_message: 'We are away',
    });
    expect(response.body.working_hours[6]).toMatchObject({ closed_all_day: false, open_hour: 10, close_minutes: 30 });
  });
});

describe('creating a web-widget inbox', () => {
  test('generates a website token and an embed script carrying it', async () => {
    const response = await create({
      name: 'Website',
      channel: { type: 'web_widget', website_url: 'https://www.example.com', welcome_title: 'Hi!' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      channel_type: 'Channel::WebWidget',
      website_url: 'https://www.example.com',
      widget_color: '#1f93ff',
      welcome_title: 'Hi!',
      welcome_tagline: null,
      reply_time: 'in_a_few_minutes',
      hmac_mandatory: false,
      pre_chat_form_enabled: false,
      selected_feature_flags: ['attachments', 'emoji_picker', 'end_conversation'],
    });
    expect(response.body.website_token).toMatch(token);
    expect(response.body.hmac_token).toMatch(token);
    expect(response.body.web_widget_script).toContain(`"${response.body.website_token}"`);
    expect(response.body.web_widget_script).toContain(`"${server.url}"`);
    expect(response.body.inbox_identifier).toBeUndefined();
  });

  test('requires the website URL', async () => {
    const response = await create({ name: 'No URL', channel: { type: 'web_widget' } });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['channel.website_url']);
  });
});

describe('creating an email inbox', () => {
  test('keeps the address and the server settings, and never returns the passwords', async () => {
    const response = await create({
      name: 'Support mail',
      channel: {
        type: 'email',
        email: 'Support@Mail.Example.com',
        imap_enabled: true,
        imap_address: 'imap.example.com',
        imap_port: 993,
        imap_password: 'imap-secret',
        smtp_password: 'smtp-secret',
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      channel_type: 'Channel::Email',
      email: 'support@mail.example.com',
      imap_enabled: true,
      imap_address: 'imap.example.com',
      imap_port: 993,
      imap_enable_ssl: true,
      smtp_enabled: false,
      smtp_authentication: 'login',
    });
    expect(JSON.stringify(response.body)).not.toContain('secret');
    expect(response.body.hmac_token).toBeUndefined();
  });

  test('refuses an address another inbox of the server has, whatever its case', async () => {
    const first = await create({ name: 'Sales', channel: { type: 'email', email: 'sales@mail.example.com' } });
    const outsiderInbox = await server.request('POST', inboxesPath(fixture.otherAccountId), {
      token: fixture.outsider.token,
      body: { name: 'Copy', channel: { type: 'email', email: 'SALES@mail.example.com' } },
    });
    expect(first.status).toBe(200);
    expect(outsiderInbox.status).toBe(422);
    expect(outsiderInbox.body.attributes).toEqual(['channel.email']);
    expect(outsiderInbox.body.message).toContain('channel.email');
  });
});

describe('refusing inboxes', () => {
  test('refuses an unknown channel type, naming channel.type', async () => {
    const response = await create({ name: 'Facebook', channel: { type: 'facebook_page' } });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['channel.type']);
    expect(response.body.message).toContain('channel.type');
  });

  test('refuses a field of another channel type, naming it', async () => {
    const response = await create({ name: 'Mixed', channel: { type: 'api', website_url: 'https://a.example' } });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['channel.website_url']);
  });

  test('refuses a blank name, an unknown time zone and impossible working hours', async () => {
    const blank = await create({ name: '   ', channel: { type: 'api' } });
    const zone = await create({ name: 'Zone', channel: { type: 'api' }, timezone: 'Mars/Olympus' });
    const hours = await create({
      name: 'Hours',
      channel: { type: 'api' },
      working_hours: [{ day_of_week: 2, open_hour: 18, open_minutes: 0, close_hour: 9, close_minutes: 0 }],
    });
    expect([blank.status, blank.body.attributes]).toEqual([422, ['name']]);
    expect([zone.status, zone.body.attributes]).toEqual([422, ['timezone']]);
    expect([hours.status, hours.body.attributes]).toEqual([422, ['working_hours']]);
  });

  test('refuses an agent with the reference message', async () => {
    const response = await create({ name: 'By agent', channel: { type: 'api' } }, fixture.agent.token);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
  });

  test('refuses a user of another account', async () => {
    const response = await create({ name: 'By outsider', channel: { type: 'api' } }, fixture.outsider.token);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to access this account');
  });
});
