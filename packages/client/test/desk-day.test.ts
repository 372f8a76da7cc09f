import { manualClock, startTestServer, type TestServer } from '@inquirly/server/testing';
import { createInquirlyClient, type InquirlyClient, unwrap } from '../src';

/**
 * A day at the desk, through the client: a contact writes, the conversation is assigned to an agent and a team, the
 * agent replies with a file and a private note, labels it, snoozes it, it reopens when its time comes, it is resolved;
 * the lists and their counts follow each step.
 */
const clock = manualClock(1_796_000_000);
let server: TestServer;
let admin: InquirlyClient;
let agent: InquirlyClient;
let accountId: number;
let agentId: number;

beforeAll(async () => {
  server = await startTestServer({ clock });
  const platform = createInquirlyClient({ baseUrl: server.url, token: await server.createPlatformApp('Desk day') });
  const account = await unwrap(platform.POST('/platform/api/v1/accounts', { body: { name: 'Desk Day Ltd' } }));
  accountId = account.id;
  const people = [];
  for (const [name, role] of [
    ['Ada Admin', 'administrator'],
    ['Sam Agent', 'agent'],
  ] as const) {
    const user = await unwrap(
      platform.POST('/platform/api/v1/users', {
        body: { name, email: `${name.split(' ')[0]?.toLowerCase()}@desk.example` },
      }),
    );
    await unwrap(
      platform.POST('/platform/api/v1/accounts/{account_id}/account_users', {
        params: { path: { account_id: accountId } },
        body: { user_id: user.id, role },
      }),
    );
    people.push(user);
  }
  const [adminUser, agentUser] = people;
  if (!adminUser || !agentUser) throw new Error('the users were not created');
  agentId = agentUser.id;
  admin = createInquirlyClient({ baseUrl: server.url, token: adminUser.access_token });
  agent = createInquirlyClient({ baseUrl: server.url, token: agentUser.access_token });
}, 30_000);
afterAll(() => server.close());

it('carries a conversation from first message to resolution, with the lists following', async () => {
  const inAccount = { path: { account_id: accountId } };
  const inbox = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/inboxes', {
      params: inAccount,
      body: { name: 'App', channel: { type: 'api' } },
    }),
  );
  await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/inbox_members', {
      params: inAccount,
      body: { inbox_id: inbox.id, user_ids: [agentId] },
    }),
  );
  const team = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/teams', { params: inAccount, body: { name: 'Billing' } }),
  );
  await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/teams/{team_id}/team_members', {
      params: { path: { account_id: accountId, team_id: team.id } },
      body: { user_ids: [agentId] },
    }),
  );
  const contact = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/contacts', {
      params: inAccount,
      body: { name: 'Nina Customer', email: 'nina@customer.example', inbox_id: inbox.id },
    }),
  );
  const sourceId = contact.payload.contact_inbox.source_id;
  if (sourceId === null) throw new Error('the contact has no session');

  const counts = async () =>
    (await unwrap(agent.GET('/api/v1/accounts/{account_id}/conversations/meta', { params: inAccount }))).meta;
  const listed = async (query: Record<string, string>) =>
    (await unwrap(agent.GET('/api/v1/accounts/{account_id}/conversations', { params: { ...inAccount, query } }))).data;

  // The contact writes.
  const started = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/conversations', { params: inAccount, body: { source_id: sourceId } }),
  );
  const inConversation = { path: { account_id: accountId, conversation_id: started.id } };
  clock.advance(60);
  await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages', {
      params: inConversation,
      body: { content: 'My invoice is wrong', message_type: 'incoming' },
    }),
  );
  expect(await counts()).toEqual({ mine_count: 0, assigned_count: 0, unassigned_count: 1, all_count: 1 });
  const unassigned = await listed({ assignee_type: 'unassigned' });
  expect(unassigned.payload.map((conversation) => [conversation.id, conversation.unread_count])).toEqual([
    [started.id, 1],
  ]);

  // Assigned to the agent, then to the team.
  clock.advance(60);
  const assignee = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/conversations/{conversation_id}/assignments', {
      params: inConversation,
      body: { assignee_id: agentId },
    }),
  );
  expect(assignee).toMatchObject({ id: agentId });
  await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/conversations/{conversation_id}/assignments', {
      params: inConversation,
      body: { team_id: team.id },
    }),
  );
  expect(await counts()).toEqual({ mine_count: 1, assigned_count: 1, unassigned_count: 0, all_count: 1 });
  const mine = await listed({ assignee_type: 'me', team_id: String(team.id) });
  expect(mine.payload[0]?.meta).toMatchObject({ assignee: { id: agentId }, team: { id: team.id } });

  // The agent replies with a file, and leaves a private note.
  clock.advance(60);
  const form = new FormData();
  form.append('content', 'Here is the corrected invoice');
  form.append('attachments[]', new Blob(['%PDF-1.4 corrected'], { type: 'application/pdf' }), 'invoice.pdf');
  const reply = await unwrap(
    agent.POST('/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages', {
      params: inConversation,
      body: form as never,
      bodySerializer: (body: unknown) => body as FormData,
    }),
  );
  const [file] = reply.attachments ?? [];
  expect(file).toMatchObject({ file_type: 'file', extension: 'pdf', content_type: 'application/pdf' });
  const download = await fetch(file?.data_url ?? '');
  expect([download.status, await download.text()]).toEqual([200, '%PDF-1.4 corrected']);
  await unwrap(
    agent.POST('/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages', {
      params: inConversation,
      body: { content: 'Refund approved by finance', private: true },
    }),
  );
  const replied = await unwrap(
    agent.GET('/api/v1/accounts/{account_id}/conversations/{conversation_id}', { params: inConversation }),
  );
  expect(replied.first_reply_created_at).toBe(reply.created_at);
  expect(replied.waiting_since).toBe(0);

  // Labelled.
  await unwrap(
    agent.POST('/api/v1/accounts/{account_id}/conversations/{conversation_id}/labels', {
      params: inConversation,
      body: { labels: ['billing', 'refund'] },
    }),
  );
  expect((await listed({ labels: 'refund' })).payload.map((conversation) => conversation.labels)).toEqual([
    ['billing', 'refund'],
  ]);

  // Snoozed for an hour: out of the open list, in the snoozed one.
  const snoozed = await unwrap(
    agent.POST('/api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_status', {
      params: inConversation,
      body: { status: 'snoozed', snoozed_until: clock.nowSeconds() + 3600 },
    }),
  );
  expect(snoozed.payload).toMatchObject({ success: true, current_status: 'snoozed' });
  expect((await counts()).all_count).toBe(0);
  expect((await listed({ status: 'snoozed' })).meta.all_count).toBe(1);

  // Its time comes: open again, and mine.
  clock.advance(3600);
  await server.container.snoozeExpiry.runOnce();
  expect(await counts()).toEqual({ mine_count: 1, assigned_count: 1, unassigned_count: 0, all_count: 1 });

  // Resolved: out of the open lists, in the resolved one.
  const resolved = await unwrap(
    agent.POST('/api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_status', {
      params: inConversation,
      body: {},
    }),
  );
  expect(resolved.payload.current_status).toBe('resolved');
  expect((await counts()).all_count).toBe(0);
  expect((await listed({ status: 'resolved', assignee_type: 'me' })).payload.map((c) => c.id)).toEqual([started.id]);

  // The messages tell the day.
  const page = await unwrap(
    agent.GET('/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages', { params: inConversation }),
  );
  expect(page.payload.map((message) => [message.message_type, message.content])).toEqual([
    [0, 'My invoice is wrong'],
    [2, 'Assigned to Sam Agent by Ada Admin'],
    [2, 'Assigned to Billing by Ada Admin'],
    [1, 'Here is the corrected invoice'],
    [1, 'Refund approved by finance'],
    [2, 'Sam Agent added billing, refund'],
    [2, 'Conversation was snoozed by Sam Agent'],
    [2, 'Conversation was marked resolved by Sam Agent'],
  ]);
});
