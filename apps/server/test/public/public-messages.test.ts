import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
let inboxIdentifier: string;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
  const inbox = await server.request<{ inbox_identifier: string }>(
    'POST',
    `/api/v1/accounts/${fixture.accountId}/inboxes`,
    { token: fixture.admin.token, body: { name: 'Mobile app', channel: { type: 'api' } } },
  );
  inboxIdentifier = inbox.body.inbox_identifier;
});
afterAll(() => server.close());

interface PublicMessage {
  id: number;
  content: string | null;
  message_type: number;
  conversation_id: number;
  sender?: { type: string; id: number };
  attachments?: Array<{ file_type: string; data_url: string }>;
}

const A = () => `/api/v1/accounts/${fixture.accountId}`;

/** A new contact's session and conversation, answering the conversation's client API path and display id. */
async function newConversation() {
  const contact = await server.request<{ source_id: string; id: number }>(
    'POST',
    `/public/api/v1/inboxes/${inboxIdentifier}/contacts`,
    { body: { name: 'Writer' } },
  );
  const conversations = `/public/api/v1/inboxes/${inboxIdentifier}/contacts/${contact.body.source_id}/conversations`;
  const started = await server.request<{ id: number }>('POST', conversations, { body: {} });
  return { path: `${conversations}/${started.body.id}`, displayId: started.body.id, contactId: contact.body.id };
}

const write = (path: string, content: string) =>
  server.request<PublicMessage>('POST', `${path}/messages`, { body: { content, echo_id: 'client-1' } });

async function agentSays(displayId: number, body: Record<string, unknown>) {
  const response = await server.request('POST', `${A()}/conversations/${displayId}/messages`, {
    token: fixture.admin.token,
    body,
  });
  if (response.status !== 200) throw new Error(`sending a message answered ${response.status}`);
}

test("a contact's message is incoming, from them, and its answer carries no echo id", async () => {
  const conversation = await newConversation();
  const written = await write(conversation.path, 'Where is my parcel?');
  expect(written.status).toBe(200);
  expect(written.body).toEqual({
    id: expect.any(Number),
    content: 'Where is my parcel?',
    message_type: 0,
    content_type: 'text',
    content_attributes: {},
    created_at: expect.any(Number),
    conversation_id: conversation.displayId,
    sender: expect.objectContaining({ type: 'contact', id: conversation.contactId }),
  });
});

test('a message reopens a resolved conversation with the system activity message', async () => {
  const conversation = await newConversation();
  await server.request('POST', `${conversation.path}/toggle_status`);
  await write(conversation.path, 'Actually, one more thing');
  const shown = await server.request<{ status: string }>('GET', conversation.path);
  expect(shown.body.status).toBe('open');
  const seenByAgents = await server.request<{ payload: Array<{ content: string; message_type: number }> }>(
    'GET',
    `${A()}/conversations/${conversation.displayId}/messages`,
    { token: fixture.admin.token },
  );
  expect(seenByAgents.body.payload.at(-1)).toMatchObject({
    message_type: 2,
    content: 'System reopened the conversation due to a new incoming message.',
  });
});

test('in an inbox with an agent bot, a message makes a resolved conversation pending, for the bot', async () => {
  const admin = { token: fixture.admin.token };
  const bot = await server.request<{ id: number }>('POST', `${A()}/agent_bots`, {
    ...admin,
    body: { name: 'Triage bot', outgoing_url: 'https://bot.example.com/hook' },
  });
  const inbox = await server.request<{ id: number; inbox_identifier: string }>('POST', `${A()}/inboxes`, {
    ...admin,
    body: { name: 'Bot desk', channel: { type: 'api' } },
  });
  const attached = await server.request('POST', `${A()}/inboxes/${inbox.body.id}/set_agent_bot`, {
    ...admin,
    body: { agent_bot: bot.body.id },
  });
  expect(attached.status).toBe(200);
  const contact = await server.request<{ source_id: string }>(
    'POST',
    `/public/api/v1/inboxes/${inbox.body.inbox_identifier}/contacts`,
    { body: {} },
  );
  const conversations = `/public/api/v1/inboxes/${inbox.body.inbox_identifier}/contacts/${contact.body.source_id}/conversations`;
  const started = await server.request<{ id: number }>('POST', conversations, { body: {} });
  const path = `${conversations}/${started.body.id}`;
  await server.request('POST', `${path}/toggle_status`);
  await write(path, 'Back again');
  const shown = await server.request<{ status: string }>('GET', path);
  expect(shown.body.status).toBe('pending');
  const seenByAgents = await server.request<{ payload: Array<{ content: string; message_type: number }> }>(
    'GET',
    `${A()}/conversations/${started.body.id}/messages`,
    admin,
  );
  expect(seenByAgents.body.payload.at(-1)).toMatchObject({ message_type: 0, content: 'Back again' });
});

test('files come as attachments[] of a form', async () => {
  const conversation = await newConversation();
  const form = new FormData();
  form.append('content', 'A photo of the box');
  form.append('attachments[]', new Blob([Buffer.from('\x89PNG\r\n\x1a\n')], { type: 'image/png' }), 'box.png');
  const response = await fetch(`${server.url}${conversation.path}/messages`, { method: 'POST', body: form });
  expect(response.status).toBe(200);
  const message = (await response.json()) as PublicMessage;
  expect(message.attachments).toEqual([expect.objectContaining({ file_type: 'image' })]);
});

test('the list holds the newest 20 the contact may see, oldest first, and pages back with before', async () => {
  const conversation = await newConversation();
  for (let number = 1; number <= 23; number++) await write(conversation.path, `message ${number}`);
  await agentSays(conversation.displayId, { content: 'a note for the team', private: true });
  await agentSays(conversation.displayId, { content: 'We are on it' });
  const page = await server.request<PublicMessage[]>('GET', `${conversation.path}/messages`);
  expect(page.status).toBe(200);
  expect(page.body.map((message) => message.content)).toEqual([
    ...Array.from({ length: 19 }, (_, index) => `message ${index + 5}`),
    'We are on it',
  ]);
  const older = await server.request<PublicMessage[]>(
    'GET',
    `${conversation.path}/messages?before=${page.body[0]?.id}`,
  );
  expect(older.body.map((message) => message.content)).toEqual(['message 1', 'message 2', 'message 3', 'message 4']);
});

test("another contact's conversation and an unknown one are JSON 404s for reading and writing", async () => {
  const mine = await newConversation();
  const theirs = await newConversation();
  const foreign = mine.path.replace(/conversations\/\d+$/, `conversations/${theirs.displayId}`);
  const unknown = mine.path.replace(/conversations\/\d+$/, 'conversations/999999');
  for (const path of [foreign, unknown]) {
    expect((await server.request('GET', `${path}/messages`)).status).toBe(404);
    const written = await write(path, 'hello');
    expect(written.status).toBe(404);
    expect(written.body).toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
  }
});
