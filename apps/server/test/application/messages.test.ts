import {
  type AccountFixture,
  createAccountFixture,
  type ManualClock,
  manualClock,
  startTestServer,
  type TestServer,
} from '../../src/testing';
import { type Conversation, createDeskFixture, type DeskFixture } from './desk-fixture';

interface Message {
  id: number;
  content: string | null;
  message_type: number;
  content_type: string;
  content_attributes: Record<string, unknown>;
  private: boolean;
  echo_id?: string;
  sender?: Record<string, unknown>;
  [field: string]: unknown;
}

interface MessagePage {
  meta: Record<string, any>;
  payload: Message[];
}

let server: TestServer;
let clock: ManualClock;
let fixture: AccountFixture;
let desk: DeskFixture;
beforeAll(async () => {
  clock = manualClock();
  server = await startTestServer({ clock });
  fixture = await createAccountFixture(server);
  desk = await createDeskFixture(server, fixture);
});
afterAll(() => server.close());

async function newConversation(): Promise<Conversation> {
  const response = await server.request<Conversation>('POST', desk.conversationsPath, {
    token: fixture.admin.token,
    body: { source_id: desk.sourceId },
  });
  if (response.status !== 200) throw new Error(`creating a conversation answered ${response.status}`);
  return response.body;
}

const messagesPath = (displayId: number) => `${desk.conversationPath(displayId)}/messages`;

function send(displayId: number, body: Record<string, unknown>, token = fixture.agent.token) {
  return server.request<Message>('POST', messagesPath(displayId), { token, body });
}

function read(displayId: number, query = '', token = fixture.agent.token) {
  return server.request<MessagePage>('GET', `${messagesPath(displayId)}${query}`, { token });
}

const show = async (displayId: number) =>
  (await server.request<Conversation>('GET', desk.conversationPath(displayId), { token: fixture.admin.token })).body;

describe('sending a message', () => {
  test('an outgoing reply answers the message partial, echoes echo_id, and is the first reply', async () => {
    const conversation = await newConversation();
    clock.advance(30);
    const response = await send(conversation.id, { content: 'How can I help?', echo_id: 'temp-1' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      content: 'How can I help?',
      message_type: 1,
      content_type: 'text',
      private: false,
      status: 'sent',
      conversation_id: conversation.id,
      inbox_id: desk.inboxId,
      echo_id: 'temp-1',
      created_at: clock.nowSeconds(),
      sender: { id: fixture.agent.id, type: 'user', name: 'agent', available_name: 'agent' },
    });
    expect(response.body).not.toHaveProperty('attachments');
    const after = await show(conversation.id);
    expect(after.first_reply_created_at).toBe(clock.nowSeconds());
    expect(after.waiting_since).toBe(0);
    expect(after.last_activity_at).toBe(clock.nowSeconds());
    expect(after.messages[0]).toMatchObject({ id: response.body.id, content: 'How can I help?' });
    expect(after.messages[0]).not.toHaveProperty('echo_id');
    const listed = await read(conversation.id);
    expect(listed.body.payload.at(-1)).not.toHaveProperty('echo_id');
  });

  test('a private note neither counts as the first reply nor ends the wait', async () => {
    const conversation = await newConversation();
    const response = await send(conversation.id, { content: 'Internal', private: true });
    expect(response.body).toMatchObject({ private: true, message_type: 1 });
    const after = await show(conversation.id);
    expect(after.first_reply_created_at).toBe(0);
    expect(after.waiting_since).toBe(conversation.waiting_since);
    expect(after.last_non_activity_message).toMatchObject({ id: response.body.id, private: true });
  });

  test('an incoming message in an API inbox is written as the contact and counts as unread', async () => {
    const conversation = await newConversation();
    const response = await send(conversation.id, { content: 'Hi, anyone?', message_type: 'incoming' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ message_type: 0, sender: { id: desk.contactId, type: 'contact' } });
    expect((await show(conversation.id)).unread_count).toBe(1);
  });

  test('unread counts stop at 10', async () => {
    const conversation = await newConversation();
    for (let n = 0; n < 12; n++) await send(conversation.id, { content: `#${n}`, message_type: 'incoming' });
    expect((await show(conversation.id)).unread_count).toBe(10);
  });

  test('an incoming message elsewhere than an API inbox is refused as the reference refuses it', async () => {
    const widget = await server.request<{ id: number }>('POST', `${desk.base}/inboxes`, {
      token: fixture.admin.token,
      body: { name: 'Widget', channel: { type: 'web_widget', website_url: 'https://shop.example' } },
    });
    const contact = await server.request<{ payload: { contact_inbox: { source_id: string } } }>(
      'POST',
      `${desk.base}/contacts`,
      { token: fixture.admin.token, body: { name: 'Wendy', inbox_id: widget.body.id } },
    );
    const conversation = await server.request<Conversation>('POST', desk.conversationsPath, {
      token: fixture.admin.token,
      body: { source_id: contact.body.payload.contact_inbox.source_id },
    });
    const response = await send(conversation.body.id, { content: 'Hi', message_type: 'incoming' }, fixture.admin.token);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      error: 'Incoming messages are only allowed in Api inboxes',
      attributes: ['message_type'],
    });
  });

  test('an incoming message reopens a resolved conversation of an API inbox, saying so', async () => {
    const conversation = await newConversation();
    await server.db('conversations').where({ account_id: fixture.accountId, display_id: conversation.id }).update({
      status: 'resolved',
    });
    await send(conversation.id, { content: 'One more thing', message_type: 'incoming' });
    const after = await show(conversation.id);
    expect(after.status).toBe('open');
    expect(after.messages[0]).toMatchObject({
      message_type: 2,
      content: 'System reopened the conversation due to a new incoming message.',
    });
    expect(after.messages[0]).not.toHaveProperty('sender');
  });

  test('an incoming message reopens a snoozed conversation, without an activity', async () => {
    const conversation = await newConversation();
    await server.db('conversations').where({ account_id: fixture.accountId, display_id: conversation.id }).update({
      status: 'snoozed',
    });
    const sent = await send(conversation.id, { content: 'Back', message_type: 'incoming' });
    const after = await show(conversation.id);
    expect(after.status).toBe('open');
    expect(after.messages[0]).toMatchObject({ id: sent.body.id });
  });

  test('structured content needs its items; content attributes may come as JSON text', async () => {
    const conversation = await newConversation();
    const missing = await send(conversation.id, { content: 'Pick one', content_type: 'input_select' });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({
      error: 'Validation failed: Content attributes At least one item is required.',
      attributes: ['content_attributes.items'],
    });
    const items = [{ title: 'Yes', value: 'yes' }];
    const asText = await send(conversation.id, {
      content: 'Pick one',
      content_type: 'input_select',
      content_attributes: JSON.stringify({ items }),
    });
    expect(asText.status).toBe(200);
    expect(asText.body.content_attributes).toEqual({ items });
    const broken = await send(conversation.id, { content: 'x', content_attributes: '{not json' });
    expect([broken.status, broken.body.attributes]).toEqual([422, ['content_attributes']]);
  });

  test('content is limited to 150,000 characters', async () => {
    const conversation = await newConversation();
    const response = await send(conversation.id, { content: 'a'.repeat(150_001) });
    expect([response.status, response.body.attributes]).toEqual([422, ['content']]);
  });

  test('a conversation takes 200 messages a minute, then refuses more until the minute passes', async () => {
    const conversation = await newConversation();
    clock.advance(120);
    const rows = Array.from({ length: 200 }, (_, n) => ({
      account_id: fixture.accountId,
      inbox_id: desk.inboxId,
      conversation_id: conversation.id,
      message_type: 'outgoing' as const,
      content: `bulk ${n}`,
      content_attributes: '{}',
      additional_attributes: '{}',
      external_source_ids: '{}',
      created_at: clock.nowSeconds(),
      updated_at: clock.nowSeconds(),
    }));
    const stored = await server
      .db('conversations')
      .where({ account_id: fixture.accountId, display_id: conversation.id })
      .first('id');
    const id = stored?.id;
    await server.db('messages').insert(rows.map((row) => ({ ...row, conversation_id: id })) as never);
    // As each of those messages would have, had they been sent.
    await server.db('conversations').where({ id }).update({ last_activity_at: clock.nowSeconds() });
    const refused = await send(conversation.id, { content: 'one too many' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: 'Validation failed: Too many messages' });
    clock.advance(61);
    expect((await send(conversation.id, { content: 'later' })).status).toBe(200);
  });

  test('is refused to an agent of another inbox (404), another account (401), and a stranger (401)', async () => {
    const conversation = await newConversation();
    expect((await send(conversation.id, { content: 'x' }, desk.otherAgent.token)).status).toBe(404);
    expect((await send(conversation.id, { content: 'x' }, fixture.outsider.token)).status).toBe(401);
    expect((await send(conversation.id, { content: 'x' }, 'nope')).status).toBe(401);
    expect((await send(987_654, { content: 'x' })).status).toBe(404);
  });

  test('an agent bot of the account sends as itself', async () => {
    const bot = await server.request<{ id: number; access_token: string }>('POST', `${desk.base}/agent_bots`, {
      token: fixture.admin.token,
      body: { name: 'Helper Bot' },
    });
    const conversation = await newConversation();
    const response = await send(conversation.id, { content: 'Beep' }, bot.body.access_token);
    expect(response.status).toBe(200);
    expect(response.body.sender).toEqual({ id: bot.body.id, name: 'Helper Bot', avatar_url: '', type: 'agent_bot' });
    const listing = await read(conversation.id, '', bot.body.access_token);
    expect(listing.status).toBe(401);
  });
});

describe('reading the messages', () => {
  let displayId: number;
  let ids: number[];
  beforeAll(async () => {
    const conversation = await newConversation();
    displayId = conversation.id;
    ids = [];
    for (let n = 1; n <= 45; n++) {
      const sent = await send(displayId, { content: `message ${n}`, message_type: n % 2 ? 'incoming' : 'outgoing' });
      ids.push(sent.body.id);
    }
  });

  test('answers the newest 20, oldest first, with the meta', async () => {
    const response = await read(displayId);
    expect(response.status).toBe(200);
    expect(response.body.payload.map((message) => message.id)).toEqual(ids.slice(-20));
    expect(response.body.meta).toMatchObject({
      labels: [],
      additional_attributes: {},
      contact: { id: desk.contactId, type: 'contact', name: 'Carla Contact' },
      agent_last_seen_at: null,
      assignee_last_seen_at: null,
    });
    expect(response.body.meta).not.toHaveProperty('assignee');
  });

  test('before a message: the 20 before it; at the oldest: none', async () => {
    const before = ids[30] as number;
    expect((await read(displayId, `?before=${before}`)).body.payload.map((m) => m.id)).toEqual(ids.slice(10, 30));
    expect((await read(displayId, `?before=${ids[5]}`)).body.payload.map((m) => m.id)).toEqual(ids.slice(0, 5));
    expect((await read(displayId, `?before=${ids[0]}`)).body.payload).toEqual([]);
  });

  test('after a message: up to 100 after it; at the newest: none', async () => {
    expect((await read(displayId, `?after=${ids[40]}`)).body.payload.map((m) => m.id)).toEqual(ids.slice(41));
    expect((await read(displayId, `?after=${ids.at(-1)}`)).body.payload).toEqual([]);
  });

  test('between: from after (included) to before (excluded)', async () => {
    const response = await read(displayId, `?after=${ids[3]}&before=${ids[8]}`);
    expect(response.body.payload.map((m) => m.id)).toEqual(ids.slice(3, 8));
  });

  test('ids beyond the id range: nothing after one, and no bound before one', async () => {
    expect((await read(displayId, '?after=4294967296')).body.payload).toEqual([]);
    expect((await read(displayId, '?before=4294967296')).body.payload.map((m) => m.id)).toEqual(ids.slice(-20));
  });

  test('refuses a cursor that is not a number, naming it', async () => {
    const response = await read(displayId, '?before=abc');
    expect([response.status, (response.body as any).attributes]).toEqual([422, ['before']]);
  });

  test('is refused to an agent of another inbox (404) and another account (401)', async () => {
    expect((await read(displayId, '', desk.otherAgent.token)).status).toBe(404);
    expect((await read(displayId, '', fixture.outsider.token)).status).toBe(401);
  });
});

describe('deleting a message', () => {
  test('replaces its text and content attributes, keeps its place, and shows as deleted', async () => {
    const conversation = await newConversation();
    const sent = await send(conversation.id, {
      content: 'Pick',
      content_type: 'input_select',
      content_attributes: { items: [{ title: 'A', value: 'a' }] },
    });
    const response = await server.request<Message>('DELETE', `${messagesPath(conversation.id)}/${sent.body.id}`, {
      token: fixture.agent.token,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: sent.body.id,
      content: 'This message was deleted',
      content_type: 'text',
      content_attributes: { deleted: true },
    });
    expect(response.body.content_attributes).toEqual({ deleted: true });
    const listed = await read(conversation.id);
    expect(listed.body.payload.at(-1)).toMatchObject({ id: sent.body.id, content: 'This message was deleted' });
  });

  test('answers 404 for a message of another conversation, and to an agent of another inbox', async () => {
    const first = await newConversation();
    const second = await newConversation();
    const sent = await send(first.id, { content: 'mine' });
    const wrong = await server.request('DELETE', `${messagesPath(second.id)}/${sent.body.id}`, {
      token: fixture.agent.token,
    });
    expect(wrong.status).toBe(404);
    const stranger = await server.request('DELETE', `${messagesPath(first.id)}/${sent.body.id}`, {
      token: desk.otherAgent.token,
    });
    expect(stranger.status).toBe(404);
  });
});

describe('files', () => {
  /** A PNG's first bytes, enough to tell its size: 640 by 480. */
  const png = Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    Buffer.from([0, 0, 0, 13]),
    Buffer.from('IHDR'),
    Buffer.from([0, 0, 2, 128, 0, 0, 1, 224, 8, 6, 0, 0, 0]),
    Buffer.alloc(64, 7),
  ]);

  function upload(
    target: TestServer,
    path: string,
    files: Array<[string, string, Buffer | string]>,
    fields: Record<string, string> = {},
  ) {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const [fileName, type, content] of files) {
      form.append('attachments[]', new Blob([Buffer.from(content)], { type }), fileName);
    }
    return fetch(`${target.url}${path}`, {
      method: 'POST',
      headers: { api_access_token: fixture.agent.token },
      body: form,
    });
  }

  test('each kind of file is kept, shown with its type, and downloaded through its link', async () => {
    const conversation = await newConversation();
    const response = await upload(
      server,
      messagesPath(conversation.id),
      [
        ['photo.png', 'image/png', png],
        ['voice.ogg', 'audio/ogg', 'ogg-bytes'],
        ['clip.mp4', 'video/mp4', 'mp4-bytes'],
        ['invoice.pdf', 'application/pdf', '%PDF-1.4'],
      ],
      { content: 'Files attached', private: 'false' },
    );
    expect(response.status).toBe(200);
    const message = (await response.json()) as Message & { attachments: Array<Record<string, any>> };
    expect(message.content).toBe('Files attached');
    expect(message.attachments).toEqual([
      expect.objectContaining({ file_type: 'image', extension: 'png', width: 640, height: 480 }),
      expect.objectContaining({ file_type: 'audio', extension: 'ogg', transcribed_text: '' }),
      expect.objectContaining({ file_type: 'video', extension: 'mp4', thumb_url: '' }),
      expect.objectContaining({ file_type: 'file', extension: 'pdf', content_type: 'application/pdf', file_size: 8 }),
    ]);
    expect(message.attachments[0]?.thumb_url).toMatch(/^http/);
    const pdf = await fetch(message.attachments[3]?.data_url);
    expect([pdf.status, pdf.headers.get('content-type'), await pdf.text()]).toEqual([
      200,
      'application/pdf',
      '%PDF-1.4',
    ]);
    const listed = await read(conversation.id);
    expect(listed.body.payload.at(-1)?.attachments).toHaveLength(4);
    const shown = await show(conversation.id);
    expect(shown.messages[0]?.attachments).toHaveLength(4);
  });

  test('a link stops working when it expires; reading the message again gives a fresh one', async () => {
    const conversation = await newConversation();
    const response = await upload(server, messagesPath(conversation.id), [['notes.txt', 'text/plain', 'hello']]);
    const message = (await response.json()) as { attachments: Array<{ data_url: string }> };
    clock.advance(3 * 3600);
    const expired = await fetch(message.attachments[0]?.data_url ?? '');
    expect(expired.status).toBe(403);
    expect(await expired.json()).toMatchObject({ code: 'ATTACHMENT_LINK_EXPIRED' });
    const fresh = (await read(conversation.id)).body.payload.at(-1)?.attachments as Array<{ data_url: string }>;
    expect((await fetch(fresh[0]?.data_url ?? '')).status).toBe(200);
  });

  test('16 files are refused as the reference words it, and nothing is kept', async () => {
    const conversation = await newConversation();
    const files = Array.from({ length: 16 }, (_, n): [string, string, string] => [`f${n}.txt`, 'text/plain', 'x']);
    const response = await upload(server, messagesPath(conversation.id), files, { content: 'many' });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      message: 'Validation failed: Attachments exceeded maximum allowed',
      attributes: ['attachments'],
    });
    expect((await read(conversation.id)).body.payload).toEqual([]);
  });

  test('a file over the size limit is refused naming attachments', async () => {
    const small = await startTestServer({ clock, app: { uploads: { maxFileBytes: 1024 } } });
    try {
      const smallFixture = await createAccountFixture(small);
      const smallDesk = await createDeskFixture(small, smallFixture);
      const created = await small.request<Conversation>('POST', smallDesk.conversationsPath, {
        token: smallFixture.admin.token,
        body: { source_id: smallDesk.sourceId },
      });
      const form = new FormData();
      form.append('attachments[]', new Blob([Buffer.alloc(2048, 1)], { type: 'application/zip' }), 'big.zip');
      const response = await fetch(`${small.url}${smallDesk.conversationPath(created.body.id)}/messages`, {
        method: 'POST',
        headers: { api_access_token: smallFixture.admin.token },
        body: form,
      });
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ attributes: ['attachments'] });
    } finally {
      await small.close();
    }
  });

  test('deleting the message removes its files', async () => {
    const conversation = await newConversation();
    const response = await upload(server, messagesPath(conversation.id), [['a.txt', 'text/plain', 'gone soon']]);
    const message = (await response.json()) as { id: number; attachments: Array<{ data_url: string }> };
    const deleted = await server.request<Message>('DELETE', `${messagesPath(conversation.id)}/${message.id}`, {
      token: fixture.agent.token,
    });
    expect(deleted.body).not.toHaveProperty('attachments');
    expect((await fetch(message.attachments[0]?.data_url ?? '')).status).toBe(404);
  });
});
