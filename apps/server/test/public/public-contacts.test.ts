import { createHmac } from 'node:crypto';
import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
let open: ApiInbox;
let guarded: ApiInbox;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
  open = await createInbox({ name: 'Mobile app', channel: { type: 'api' } });
  guarded = await createInbox({ name: 'Banking app', channel: { type: 'api', hmac_mandatory: true } });
});
afterAll(() => server.close());

interface ApiInbox {
  id: number;
  inbox_identifier: string;
  hmac_token: string;
}

interface PublicContact {
  id: number;
  source_id: string;
  pubsub_token: string;
  name: string;
  email: string | null;
  phone_number: string | null;
}

async function createInbox(body: Record<string, unknown>): Promise<ApiInbox> {
  const response = await server.request<ApiInbox>('POST', `/api/v1/accounts/${fixture.accountId}/inboxes`, {
    token: fixture.admin.token,
    body,
  });
  if (response.status !== 200) throw new Error(`creating an inbox answered ${response.status}`);
  return response.body;
}

const contactsPath = (inbox: ApiInbox) => `/public/api/v1/inboxes/${inbox.inbox_identifier}/contacts`;
const createContact = (inbox: ApiInbox, body: Record<string, unknown> = {}) =>
  server.request<PublicContact>('POST', contactsPath(inbox), { body });
const hashOf = (inbox: ApiInbox, identifier: string) =>
  createHmac('sha256', inbox.hmac_token).update(identifier).digest('hex');
const unique = (name: string) => `${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

const sessionRow = (sourceId: string) => server.db('contact_inboxes').where({ source_id: sourceId }).first();

describe('opening a session', () => {
  test('makes a new contact with a handle for a name, a new source id and a 24-character realtime token', async () => {
    const response = await createContact(open);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: expect.any(Number),
      source_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      pubsub_token: expect.stringMatching(/^[A-Za-z0-9]{24}$/),
      name: expect.stringMatching(/^[a-z]+-[a-z]+-\d{3}$/),
      email: null,
      phone_number: null,
    });
    expect(Boolean((await sessionRow(response.body.source_id))?.hmac_verified)).toBe(false);
  });

  test("keeps what the person gives, and records the contact's creation with the contact as actor", async () => {
    const email = `${unique('maria')}@example.com`;
    const response = await createContact(open, {
      name: 'Maria Lopes',
      email,
      phone_number: '+351912345678',
      custom_attributes: { plan: 'gold' },
    });
    expect(response.body).toMatchObject({ name: 'Maria Lopes', email, phone_number: '+351912345678' });
    const event = await server
      .db('domain_events')
      .where({ name: 'contact_created', subject_id: response.body.id })
      .first();
    expect(event).toMatchObject({ actor_type: 'contact', actor_id: response.body.id });
    const contact = await server.request('GET', `/api/v1/accounts/${fixture.accountId}/contacts/${response.body.id}`, {
      token: fixture.admin.token,
    });
    expect(contact.body.payload).toMatchObject({ custom_attributes: { plan: 'gold' } });
  });

  test('belongs to the contact with the same identifier, email whatever its case, or phone number', async () => {
    const email = `${unique('reuse')}@example.com`;
    const first = await createContact(open, { email, identifier: unique('customer') });
    const byEmail = await createContact(open, { email: email.toUpperCase() });
    expect(byEmail.body.id).toBe(first.body.id);
    expect(byEmail.body.source_id).not.toBe(first.body.source_id);
    const phone = `+4915${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const withPhone = await createContact(open, { phone_number: phone });
    expect((await createContact(open, { phone_number: phone })).body.id).toBe(withPhone.body.id);
  });

  test('under a source id the inbox has answers that session as it is', async () => {
    const sourceId = unique('session');
    const first = await createContact(open, { source_id: sourceId, name: 'First' });
    const again = await createContact(open, { source_id: sourceId, name: 'Second' });
    expect(again.body).toEqual(first.body);
  });

  test('refuses an invalid email or phone number naming it, and an unknown inbox with a JSON 404', async () => {
    const invalid = await server.request<{ attributes: string[] }>('POST', contactsPath(open), {
      body: { email: 'not-an-email' },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.attributes).toContain('email');
    const unknown = await server.request('POST', '/public/api/v1/inboxes/no-such-inbox/contacts', { body: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
  });
});

describe('identity', () => {
  test('an inbox that demands it refuses a session without a valid hash with a JSON 401, and opens one with it', async () => {
    const identifier = unique('customer');
    for (const body of [{}, { identifier }, { identifier, identifier_hash: hashOf(guarded, 'someone-else') }]) {
      const refused = await createContact(guarded, body);
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: 'IDENTITY_NOT_VERIFIED' });
    }
    const opened = await createContact(guarded, { identifier, identifier_hash: hashOf(guarded, identifier) });
    expect(opened.status).toBe(200);
    // Opening a session checks the hash but never marks it verified.
    expect(Boolean((await sessionRow(opened.body.source_id))?.hmac_verified)).toBe(false);
  });

  test('a wrong hash is refused even where none is demanded', async () => {
    const refused = await createContact(open, { identifier: 'x', identifier_hash: hashOf(open, 'y') });
    expect(refused.status).toBe(401);
  });

  test('reading a session where identity is demanded needs the pair, and a valid pair marks the session verified', async () => {
    const identifier = unique('customer');
    const hash = hashOf(guarded, identifier);
    const opened = await createContact(guarded, { identifier, identifier_hash: hash });
    const path = `${contactsPath(guarded)}/${opened.body.source_id}`;
    expect((await server.request('GET', path)).status).toBe(401);
    const read = await server.request<PublicContact>('GET', `${path}?identifier=${identifier}&identifier_hash=${hash}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(opened.body);
    expect(Boolean((await sessionRow(opened.body.source_id))?.hmac_verified)).toBe(true);
  });
});

describe('reading and updating a session', () => {
  test('reads the contact by source id, and answers an unknown one with a JSON 404', async () => {
    const opened = await createContact(open, { name: 'Reader' });
    const read = await server.request<PublicContact>('GET', `${contactsPath(open)}/${opened.body.source_id}`);
    expect(read.body).toEqual(opened.body);
    const unknown = await server.request('GET', `${contactsPath(open)}/no-such-session`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
  });

  test('changes what the contact says of themselves, merges custom attributes deeply, and stores no identifier', async () => {
    const opened = await createContact(open, { custom_attributes: { address: { city: 'Porto', zip: '4000' } } });
    const path = `${contactsPath(open)}/${opened.body.source_id}`;
    const email = `${unique('updated')}@example.com`;
    const updated = await server.request<PublicContact>('PATCH', path, {
      body: { name: 'Updated Name', email, identifier: 'ignored', custom_attributes: { address: { zip: '4050' } } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: opened.body.id, name: 'Updated Name', email });
    const contact = await server.request('GET', `/api/v1/accounts/${fixture.accountId}/contacts/${opened.body.id}`, {
      token: fixture.admin.token,
    });
    expect(contact.body.payload).toMatchObject({
      identifier: null,
      custom_attributes: { address: { city: 'Porto', zip: '4050' } },
    });
  });

  test("a visitor who gives a known contact's email becomes that contact, with their conversations", async () => {
    const email = `${unique('known')}@example.com`;
    const known = await createContact(open, { email, name: 'Known Customer', custom_attributes: { plan: 'pro' } });
    const visitor = await createContact(open, { custom_attributes: { plan: 'free', locale: 'pt' } });
    const path = `${contactsPath(open)}/${visitor.body.source_id}`;
    const started = await server.request<{ id: number }>('POST', `${path}/conversations`, { body: {} });
    await server.request('POST', `${path}/conversations/${started.body.id}/messages`, { body: { content: 'Hi' } });

    const merged = await server.request<PublicContact>('PATCH', path, { body: { email: email.toUpperCase() } });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      id: known.body.id,
      source_id: visitor.body.source_id,
      pubsub_token: visitor.body.pubsub_token,
      name: 'Known Customer',
      email,
    });
    const admin = { token: fixture.admin.token };
    const A = `/api/v1/accounts/${fixture.accountId}`;
    expect((await server.request('GET', `${A}/contacts/${visitor.body.id}`, admin)).status).toBe(404);
    const kept = await server.request('GET', `${A}/contacts/${known.body.id}`, admin);
    expect(kept.body.payload.custom_attributes).toEqual({ plan: 'pro', locale: 'pt' });
    const theirs = await server.request('GET', `${A}/contacts/${known.body.id}/conversations`, admin);
    expect(theirs.body.payload.map((conversation: { id: number }) => conversation.id)).toContain(started.body.id);
    const messages = await server.request('GET', `${path}/conversations/${started.body.id}/messages`);
    expect(messages.body[0].sender).toMatchObject({ id: known.body.id, type: 'contact' });
    const deleted = await server
      .db('domain_events')
      .where({ name: 'contact_deleted', subject_id: visitor.body.id })
      .first();
    expect(deleted).toMatchObject({ actor_type: 'contact' });
  });

  test('a phone number of a contact with another email is left to that contact; an invalid one is a 422', async () => {
    const phone = `+3519${String(Date.now()).slice(-8)}`;
    const other = await createContact(open, { phone_number: phone, email: `${unique('phone')}@example.com` });
    const visitor = await createContact(open);
    const path = `${contactsPath(open)}/${visitor.body.source_id}`;
    const email = `${unique('own')}@example.com`;
    const updated = await server.request<PublicContact>('PATCH', path, { body: { email, phone_number: phone } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: visitor.body.id, email, phone_number: null });
    expect(updated.body.id).not.toBe(other.body.id);
    const invalid = await server.request('PATCH', path, { body: { phone_number: '12' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.attributes).toContain('phone_number');
  });
});

test('sessions opened at once under one new source id are one session', async () => {
  const sourceId = unique('race');
  const opened = await Promise.all(
    Array.from({ length: 5 }, () => createContact(open, { source_id: sourceId, name: 'Racer' })),
  );
  expect(opened.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
  expect(new Set(opened.map((response) => response.body.pubsub_token)).size).toBe(1);
});
