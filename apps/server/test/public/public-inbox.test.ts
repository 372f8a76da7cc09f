import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

interface CreatedInbox {
  inbox_identifier?: string;
  website_token?: string | null;
}

async function createInbox(body: Record<string, unknown>): Promise<CreatedInbox> {
  const response = await server.request<CreatedInbox>('POST', `/api/v1/accounts/${fixture.accountId}/inboxes`, {
    token: fixture.admin.token,
    body,
  });
  if (response.status !== 200) throw new Error(`creating an inbox answered ${response.status}`);
  return response.body;
}

const publicInbox = (identifier: string) => server.request('GET', `/public/api/v1/inboxes/${identifier}`);

test("an API inbox's public details need no token, and say what its settings are", async () => {
  const inbox = await createInbox({
    name: 'Mobile app',
    channel: { type: 'api', hmac_mandatory: true },
    timezone: 'Europe/Berlin',
    greeting_enabled: true,
    greeting_message: 'Hi!',
    working_hours_enabled: true,
    working_hours: [{ day_of_week: 1, open_hour: 9, open_minutes: 0, close_hour: 17, close_minutes: 30 }],
  });
  const response = await publicInbox(inbox.inbox_identifier ?? '');
  expect(response.status).toBe(200);
  expect(response.body).toEqual({
    identifier: inbox.inbox_identifier,
    name: 'Mobile app',
    timezone: 'Europe/Berlin',
    working_hours: expect.any(Array),
    working_hours_enabled: true,
    csat_survey_enabled: false,
    greeting_enabled: true,
    identity_validation_enabled: true,
  });
  expect(response.body.working_hours[1]).toMatchObject({ day_of_week: 1, open_hour: 9, close_minutes: 30 });
});

test('an inbox that does not demand verified identities says so', async () => {
  const inbox = await createInbox({ name: 'Bridge', channel: { type: 'api' } });
  const response = await publicInbox(inbox.inbox_identifier ?? '');
  expect(response.body).toMatchObject({ identity_validation_enabled: false, working_hours_enabled: false });
});

test('an identifier no API inbox has is a JSON 404, a web widget token included', async () => {
  const widget = await createInbox({
    name: 'Site',
    channel: { type: 'web_widget', website_url: 'https://example.com' },
  });
  for (const identifier of ['no-such-inbox', widget.website_token ?? 'widget']) {
    const response = await publicInbox(identifier);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
  }
});
