import { createHmac } from 'node:crypto';
import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
let inbox: ApiInbox;
let otherInbox: ApiInbox;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
  inbox = await createInbox({ name: 'Mobile app', channel: { type: 'api' } });
  otherInbox = await createInbox({ name: 'Web shop', channel: { type: 'api' } });
});
afterAll(() => server.close());

interface ApiInbox {
  id: number;
  inbox_identifier: string;
  hmac_token: string;
}

interface PublicConversation {
  id: number;
  uuid: string;
  inbox_id: number;
  status: string;
  messages: Array<{ id: number; content: string; message_type: number; sender?: { type: string } }>;
  contact: Record<string, unknown>;
}

const A = () => `/api/v1/accounts/${fixture.accountId}`;

async function createInbox(body: Record<string, unknown>): Promise<ApiInbox> {
  const response = await server.request<ApiInbox>('POST', `${A()}/inboxes`, { token: fixture.admin.token, body });
  if (response.status !== 200) throw new Error(`creating an inbox answered ${response.status}`);
  return response.body;
}

/** A new contact session in the inbox, answering its conversations' path. */
async function openSession(target: ApiInbox, body: Record<string, unknown> = {}) {
  const response = await server.request<{ source_id: string; id: number }>(
    'POST',
    `/public/api/v1/inboxes/${target.inbox_identifier}/contacts`,
    { body },
  );
  if (response.status !== 200) throw new Error(`opening a session answered ${response.status}`);
  const path = `/public/api/v1/inboxes/${target.inbox_identifier}/contacts/${response.body.source_id}/conversations`;
  return { ...response.body, path };
}

const startConversation = (path: string, body: Record<string, unknown> = {}) =>
  server.request<PublicConversation>('POST', path, { body });

async function agentSays(displayId: number, body: Record<string, unknown>) {
  const response = await server.request('POST', `${A()}/conversations/${displayId}/messages`, {
    token: fixture.admin.token,
    body,
  });
  if (response.status !== 200) throw new Error(`sending a message answered ${response.status}`);
}

test('a contact starts a conversation with custom attributes, open, with their contact row', async () => {
  const session = await openSession(inbox, { name: 'Nina', email: `nina-${process.pid}@example.com` });
  const started = await startConversation(session.path, { custom_attributes: { order: 'A-1' } });
  expect(started.status).toBe(200);
  expect(started.body).toMatchObject({
    id: expect.any(Number),
    inbox_id: inbox.id,
    status: 'open',
    contact_last_seen_at: 0,
    agent_last_seen_at: 0,
    messages: [],
    contact: { id: session.id, name: 'Nina', contact_type: 'lead', company_id: null, blocked: false },
  });
  expect(started.body.contact.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  const shown = await server.request(`GET`, `${A()}/conversations/${started.body.id}`, {
    token: fixture.admin.token,
  });
  expect(shown.body).toMatchObject({ custom_attributes: { order: 'A-1' }, status: 'open' });
  const event = await server
    .db('domain_events')
    .where({ name: 'conversation_created', account_id: fixture.accountId })
    .orderBy('id', 'desc')
    .first();
  expect(event).toMatchObject({ actor_type: 'contact', actor_id: session.id });
});

test('the contact sees the messages but never private notes or activity messages', async () => {
  const session = await openSession(inbox);
  const started = await startConversation(session.path);
  await agentSays(started.body.id, { content: 'How can we help?' });
  await agentSays(started.body.id, { content: 'Internal: VIP customer', private: true });
  await server.request('POST', `${A()}/conversations/${started.body.id}/toggle_status`, {
    token: fixture.admin.token,
    body: { status: 'pending' },
  });
  const seenByAgents = await server.request<{ payload: Array<{ message_type: number; private: boolean }> }>(
    'GET',
    `${A()}/conversations/${started.body.id}/messages`,
    { token: fixture.admin.token },
  );
  expect(seenByAgents.body.payload.some((message) => message.message_type === 2)).toBe(true);
  expect(seenByAgents.body.payload.some((message) => message.private)).toBe(true);
  const shown = await server.request<PublicConversation>('GET', `${session.path}/${started.body.id}`);
  expect(shown.status).toBe(200);
  expect(shown.body.messages.map((message) => message.content)).toEqual(['How can we help?']);
  expect(shown.body.messages[0]).toMatchObject({ message_type: 1, sender: { type: 'user' } });
  const listed = await server.request<PublicConversation[]>('GET', session.path);
  expect(listed.body.map((conversation) => conversation.id)).toEqual([started.body.id]);
  expect(listed.body[0]?.status).toBe('pending');
});

test("a session sees only its own conversations until it proves the contact's identity, then all of theirs", async () => {
  const identifier = `customer-${process.pid}-${Date.now()}`;
  const first = await openSession(inbox, { identifier });
  const second = await openSession(otherInbox, { identifier });
  expect(second.id).toBe(first.id);
  const inFirst = await startConversation(first.path);
  const inSecond = await startConversation(second.path);
  const ids = async (path: string) =>
    (await server.request<PublicConversation[]>('GET', path)).body.map((conversation) => conversation.id);
  expect(await ids(second.path)).toEqual([inSecond.body.id]);
  expect((await server.request('GET', `${second.path}/${inFirst.body.id}`)).status).toBe(404);
  const hash = createHmac('sha256', otherInbox.hmac_token).update(identifier).digest('hex');
  const contactPath = second.path.replace(/\/conversations$/, '');
  const verified = await server.request('GET', `${contactPath}?identifier=${identifier}&identifier_hash=${hash}`);
  expect(verified.status).toBe(200);
  expect(await ids(second.path)).toEqual([inFirst.body.id, inSecond.body.id]);
  expect((await server.request('GET', `${second.path}/${inFirst.body.id}`)).status).toBe(200);
});

test("another contact's conversation, an unknown one, and an unknown session are JSON 404s", async () => {
  const mine = await openSession(inbox);
  const theirs = await openSession(inbox);
  const theirConversation = await startConversation(theirs.path);
  for (const path of [`${mine.path}/${theirConversation.body.id}`, `${mine.path}/999999`]) {
    const response = await server.request('GET', path);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
  }
  const unknown = mine.path.replace(/contacts\/[^/]+/, 'contacts/no-such-session');
  expect((await server.request('GET', unknown)).status).toBe(404);
  expect((await startConversation(unknown)).status).toBe(404);
});

test('an inbox keeping one conversation per contact answers the newest instead of starting another', async () => {
  const single = await createInbox({ name: 'Single', channel: { type: 'api' }, lock_to_single_conversation: true });
  const session = await openSession(single);
  const first = await startConversation(session.path);
  const again = await startConversation(session.path);
  expect(again.body.id).toBe(first.body.id);
});

test('a blocked contact starts a resolved conversation', async () => {
  const session = await openSession(inbox);
  await server.request('PUT', `${A()}/contacts/${session.id}`, { token: fixture.admin.token, body: { blocked: true } });
  const started = await startConversation(session.path);
  expect(started.body.status).toBe('resolved');
});

describe('what a contact does in a conversation', () => {
  test('resolving writes the activity with the name capitalised as the reference does, once', async () => {
    const session = await openSession(inbox, { name: 'john DOE' });
    const started = await startConversation(session.path);
    const resolved = await server.request<PublicConversation>(
      'POST',
      `${session.path}/${started.body.id}/toggle_status`,
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    const again = await server.request<PublicConversation>('POST', `${session.path}/${started.body.id}/toggle_status`);
    expect(again.body.status).toBe('resolved');
    const messages = await server.request<{ payload: Array<{ content: string; message_type: number }> }>(
      'GET',
      `${A()}/conversations/${started.body.id}/messages`,
      { token: fixture.admin.token },
    );
    expect(messages.body.payload.filter((message) => message.message_type === 2).map((m) => m.content)).toEqual([
      'Conversation was resolved by John doe',
    ]);
    const events = await server
      .db('domain_events')
      .where({ account_id: fixture.accountId, name: 'conversation_resolved', actor_type: 'contact' })
      .where('actor_id', session.id);
    expect(events).toHaveLength(1);
  });

  test('typing on and off records its event with the contact as actor; any other status is an empty 200 too', async () => {
    const session = await openSession(inbox);
    const started = await startConversation(session.path);
    const path = `${session.path}/${started.body.id}/toggle_typing`;
    for (const typing_status of ['on', 'off', 'recording']) {
      const response = await server.request('POST', path, { body: { typing_status } });
      expect(response.status).toBe(200);
    }
    const names = await server
      .db('domain_events')
      .where({ account_id: fixture.accountId, actor_type: 'contact', actor_id: session.id })
      .whereIn('name', ['conversation_typing_on', 'conversation_typing_off'])
      .orderBy('id')
      .pluck('name');
    expect(names).toEqual(['conversation_typing_on', 'conversation_typing_off']);
  });

  test("marking seen moves the contact's last-seen time and reads the replies sent to them", async () => {
    const session = await openSession(inbox);
    const started = await startConversation(session.path);
    await agentSays(started.body.id, { content: 'Are you still there?' });
    const response = await server.request('POST', `${session.path}/${started.body.id}/update_last_seen`);
    expect(response.status).toBe(200);
    const shown = await server.request<PublicConversation & { contact_last_seen_at: number }>(
      'GET',
      `${session.path}/${started.body.id}`,
    );
    expect(shown.body.contact_last_seen_at).toBeGreaterThan(0);
    const messages = await server.request<{ payload: Array<{ content: string; status: string }> }>(
      'GET',
      `${A()}/conversations/${started.body.id}/messages`,
      { token: fixture.admin.token },
    );
    expect(messages.body.payload.find((message) => message.content === 'Are you still there?')?.status).toBe('read');
  });

  test('each needs a conversation the session sees', async () => {
    const mine = await openSession(inbox);
    const theirs = await openSession(inbox);
    const theirConversation = await startConversation(theirs.path);
    for (const action of ['toggle_status', 'toggle_typing', 'update_last_seen']) {
      const response = await server.request('POST', `${mine.path}/${theirConversation.body.id}/${action}`, {
        body: {},
      });
      expect(response.status).toBe(404);
    }
  });
});
