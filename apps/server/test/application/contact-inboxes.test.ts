import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';
import { type Contact, contactRequests } from './contact-requests';

let server: TestServer;
let fixture: AccountFixture;
let contacts: ReturnType<typeof contactRequests>;
beforeAll(async () => {
  server = await startTestServer();
});
beforeEach(async () => {
  fixture = await createAccountFixture(server);
  contacts = contactRequests(server, fixture);
});
afterAll(() => server.close());

interface Session {
  source_id: string;
  inbox: { id: number; name: string; channel_type: string; hmac_token?: string };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function openSession(contact: Contact, body: Record<string, unknown>, token = fixture.admin.token) {
  return server.request('POST', `${contacts.base()}/contacts/${contact.id}/contact_inboxes`, {
    token,
    body,
  });
}

async function contactable(contact: Contact, token = fixture.admin.token): Promise<Session[]> {
  const response = await contacts.get<{ payload: Session[] }>(`/contacts/${contact.id}/contactable_inboxes`, token);
  expect(response.status).toBe(200);
  return response.body.payload;
}

describe('opening a session of a contact in an inbox', () => {
  test('opens it under a generated UUID, and the contact then shows it', async () => {
    const inboxId = await contacts.inbox({ type: 'api' });
    const contact = await contacts.created({ name: 'Ana' });
    const response = await openSession(contact, { inbox_id: inboxId });
    expect(response.status).toBe(200);
    expect(response.body.source_id).toMatch(uuid);
    expect(response.body.inbox).toMatchObject({
      id: inboxId,
      channel_type: 'Channel::Api',
      hmac_token: expect.any(String),
    });
    const shown = await contacts.get<{ payload: Contact }>(`/contacts/${contact.id}`, fixture.admin.token);
    expect(shown.body.payload.contact_inboxes).toEqual([response.body]);
  });

  test('opens it under the source id given, and returns the same session when asked again', async () => {
    const inboxId = await contacts.inbox({ type: 'web_widget', website_url: 'https://acme.example' });
    const contact = await contacts.created({ name: 'Ana' });
    const first = await openSession(contact, { inbox_id: inboxId, source_id: 'visitor-1' });
    const again = await openSession(contact, { inbox_id: inboxId, source_id: 'visitor-1' });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect(await server.db('contact_inboxes').where({ contact_id: contact.id })).toHaveLength(1);
  });

  test('generates a UUID in a website inbox and uses the email in an email inbox', async () => {
    const widget = await contacts.inbox({ type: 'web_widget', website_url: 'https://acme.example' });
    const email = await contacts.inbox({ type: 'email', email: `help-${fixture.accountId}@acme.example` }, 'Email');
    const contact = await contacts.created({ name: 'Ana', email: 'ana@example.com' });
    expect((await openSession(contact, { inbox_id: widget })).body.source_id).toMatch(uuid);
    expect((await openSession(contact, { inbox_id: email })).body.source_id).toBe('ana@example.com');
  });

  test('refuses an email inbox for a contact without an email, naming email', async () => {
    const email = await contacts.inbox({ type: 'email', email: `help-${fixture.accountId}@acme.example` });
    const contact = await contacts.created({ name: 'No email' });
    const response = await openSession(contact, { inbox_id: email });
    expect([response.status, response.body.attributes]).toEqual([422, ['email']]);
  });

  test('refuses a source id another contact holds in the inbox, naming source_id', async () => {
    const inboxId = await contacts.inbox({ type: 'api' });
    const holder = await contacts.created({ name: 'Holder' });
    const other = await contacts.created({ name: 'Other' });
    await openSession(holder, { inbox_id: inboxId, source_id: 'shared' });
    const response = await openSession(other, { inbox_id: inboxId, source_id: 'shared' });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ attributes: ['source_id'], message: 'source_id has already been taken' });
  });

  test('lets two inboxes use the same source id', async () => {
    const first = await contacts.inbox({ type: 'api' });
    const second = await contacts.inbox({ type: 'api' }, 'Second');
    const ana = await contacts.created({ name: 'Ana' });
    const bea = await contacts.created({ name: 'Bea' });
    expect((await openSession(ana, { inbox_id: first, source_id: 'same' })).status).toBe(200);
    expect((await openSession(bea, { inbox_id: second, source_id: 'same' })).status).toBe(200);
  });

  test("answers 404 for another account's inbox, and refuses an agent an inbox they are not a member of", async () => {
    const foreign = await server.request('POST', `${contacts.base(fixture.otherAccountId)}/inboxes`, {
      token: fixture.outsider.token,
      body: { name: 'Theirs', channel: { type: 'api' } },
    });
    const contact = await contacts.created({ name: 'Ana' });
    const response = await openSession(contact, { inbox_id: foreign.body.id });
    expect([response.status, response.body.error]).toEqual([404, 'Resource could not be found']);
    const inboxId = await contacts.inbox({ type: 'api' });
    const refused = await openSession(contact, { inbox_id: inboxId }, fixture.agent.token);
    expect([refused.status, refused.body.error]).toEqual([401, 'You are not authorized to do this action']);
  });

  test.each([
    [{}, 'inbox_id'],
    [{ inbox_id: 'one' }, 'inbox_id'],
    [{ inbox_id: 1, source_id: '' }, 'source_id'],
  ])('refuses %j, naming the field', async (body, field) => {
    const contact = await contacts.created({ name: 'Ana' });
    const response = await openSession(contact, body);
    expect([response.status, response.body.attributes]).toEqual([422, [field]]);
  });
});

describe('listing the inboxes through which a contact can be reached', () => {
  test('offers an API inbox with a fresh UUID, or the contact session there', async () => {
    const inboxId = await contacts.inbox({ type: 'api' });
    const contact = await contacts.created({ name: 'Ana' });
    const [fresh] = await contactable(contact);
    expect([fresh?.inbox.id, fresh?.source_id]).toEqual([inboxId, expect.stringMatching(uuid)]);
    await openSession(contact, { inbox_id: inboxId, source_id: 'ana-api' });
    expect((await contactable(contact)).map((session) => session.source_id)).toEqual(['ana-api']);
  });

  test('offers an email inbox only to a contact with an email, under that email', async () => {
    const email = await contacts.inbox({ type: 'email', email: `help-${fixture.accountId}@acme.example` });
    const without = await contacts.created({ name: 'No email' });
    const withEmail = await contacts.created({ name: 'Ana', email: 'ana@example.com' });
    expect(await contactable(without)).toEqual([]);
    expect((await contactable(withEmail)).map((session) => [session.inbox.id, session.source_id])).toEqual([
      [email, 'ana@example.com'],
    ]);
  });

  test('offers a website inbox only through a session the contact has there', async () => {
    const widget = await contacts.inbox({ type: 'web_widget', website_url: 'https://acme.example' });
    const contact = await contacts.created({ name: 'Visitor' });
    expect(await contactable(contact)).toEqual([]);
    await openSession(contact, { inbox_id: widget, source_id: 'browser-1' });
    expect((await contactable(contact)).map((session) => session.source_id)).toEqual(['browser-1']);
  });

  test('offers an agent only the inboxes they are a member of, without their secrets', async () => {
    const theirs = await contacts.inbox({ type: 'api' }, 'Agent inbox');
    await contacts.inbox({ type: 'api' }, 'Admin inbox');
    await contacts.addAgentTo(theirs);
    const contact = await contacts.created({ name: 'Ana' });
    const sessions = await contactable(contact, fixture.agent.token);
    expect(sessions.map((session) => session.inbox.name)).toEqual(['Agent inbox']);
    expect(sessions[0]?.inbox).not.toHaveProperty('hmac_token');
    expect((await contactable(contact)).map((session) => session.inbox.name)).toEqual(['Admin inbox', 'Agent inbox']);
  });
});
