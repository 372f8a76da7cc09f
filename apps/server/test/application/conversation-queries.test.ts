import { isPostgres } from '../../src/events/event-store';
import {
  type AccountFixture,
  createAccountFixture,
  roundsDuring,
  startTestServer,
  statementsDuring,
  type TestServer,
} from '../../src/testing';
import { type Conversation, createDeskFixture, type DeskFixture } from './desk-fixture';

let server: TestServer;
let fixture: AccountFixture;
let desk: DeskFixture;
let conversation: Conversation;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
  desk = await createDeskFixture(server, fixture);
  const team = await server.request<{ id: number }>('POST', `${desk.base}/teams`, {
    token: fixture.admin.token,
    body: { name: 'Queried team' },
  });
  await server.request('POST', `${desk.base}/teams/${team.body.id}/team_members`, {
    token: fixture.admin.token,
    body: { user_ids: [fixture.agent.id] },
  });
  const created = await server.request<Conversation>('POST', desk.conversationsPath, {
    token: fixture.admin.token,
    body: { source_id: desk.sourceId, assignee_id: fixture.agent.id, team_id: team.body.id },
  });
  conversation = created.body;
  await send({ content: 'My parcel has not arrived', message_type: 'incoming' });
  await send({ content: 'Let me look into it' });
});
afterAll(() => server.close());

const messagesPath = () => `${desk.conversationPath(conversation.id)}/messages`;

async function send(body: Record<string, unknown>) {
  const response = await server.request('POST', messagesPath(), { token: fixture.agent.token, body });
  if (response.status !== 200) throw new Error(`sending a message answered ${response.status}`);
}

const reading = (table: string) => (sql: string) => new RegExp(`\\bfrom [\`"]${table}[\`"]`).test(sql);

test("an agent's message reads its conversation once, checking the agent's right in that read, and no files", async () => {
  const statements = await statementsDuring(server.db, () => send({ content: 'Found it' }));
  const conversationReads = statements.filter(reading('conversations'));
  expect(conversationReads).toHaveLength(1);
  expect(conversationReads[0]).toMatch(/inbox_members/);
  expect(statements.filter((sql) => /inbox_members/.test(sql))).toEqual(conversationReads);
  expect(statements.filter(reading('attachments'))).toEqual([]);
});

/** Reads of the account's directory (its inboxes and their members, its teams and their members, its agents), apart
 * from the agent's right to a conversation, checked in the conversation's own read. */
const directoryReads = (statements: string[]) =>
  statements.filter(
    (sql) =>
      !reading('conversations')(sql) &&
      ['inboxes', 'inbox_members', 'teams', 'team_members', 'account_users'].some((table) => reading(table)(sql)),
  );

test("a list page reads each contact it shows once, and nothing of the account's directory once that is known", async () => {
  const listMine = async () => {
    const response = await server.request<{ data: { payload: Conversation[] } }>(
      'GET',
      `${desk.conversationsPath}?assignee_type=me`,
      { token: fixture.agent.token },
    );
    expect(response.body.data.payload.map((listed) => listed.id)).toEqual([conversation.id]);
    expect(response.body.data.payload[0]?.messages[0]?.sender).toMatchObject({ type: 'user' });
    expect(response.body.data.payload[0]?.meta).toMatchObject({ team: { name: 'Queried team', is_member: true } });
  };
  await listMine();
  const statements = await statementsDuring(server.db, listMine);
  expect(statements.filter(reading('contacts'))).toHaveLength(1);
  expect(directoryReads(statements)).toEqual([]);
  // Read once for the caller, then taken for the directory too (on SQLite, it is read on a connection of its own).
  expect(statements.filter(reading('caller_stamp')).length).toBeLessThanOrEqual(1);
});

test("a message page reads the conversation's contact once, though it wrote messages, and its agents from the directory", async () => {
  const readPage = async () => {
    const response = await server.request<{ payload: Array<{ sender?: { type: string } }> }>('GET', messagesPath(), {
      token: fixture.agent.token,
    });
    expect(response.body.payload.map((message) => message.sender?.type)).toEqual([
      undefined,
      'contact',
      'user',
      'user',
    ]);
  };
  await readPage();
  const statements = await statementsDuring(server.db, readPage);
  expect(statements.filter(reading('contacts'))).toHaveLength(1);
  expect(directoryReads(statements)).toEqual([]);
});

test('a list page waits for PostgreSQL three times: the caller, the page with its counts, and all the page names', async () => {
  const form = new FormData();
  form.append('content', 'The label of the parcel');
  form.append('attachments[]', new Blob([Buffer.from('%PDF-1.4')], { type: 'application/pdf' }), 'label.pdf');
  const sent = await fetch(`${server.url}${messagesPath()}`, {
    method: 'POST',
    headers: { api_access_token: fixture.agent.token },
    body: form,
  });
  expect(sent.status).toBe(200);
  const listMine = async () => {
    const response = await server.request<{ data: { payload: Conversation[] } }>(
      'GET',
      `${desk.conversationsPath}?assignee_type=me`,
      { token: fixture.agent.token },
    );
    expect(response.body.data.payload[0]?.messages[0]?.attachments).toHaveLength(1);
  };
  await listMine();
  const rounds = await roundsDuring(server.db, listMine);
  // SQLite's one connection answers each statement before the next is sent: there is no round trip to save.
  if (isPostgres(server.db)) {
    expect(rounds).toHaveLength(3);
    expect(rounds[2]?.some(reading('attachments'))).toBe(true);
  }
});

test('the counts of one label, listed or filtered, read its tallies; of several labels, every status reads the labelled ones first, one status checks each', async () => {
  const countOf = async (query: string, filtered?: unknown[]) => {
    const statements = await statementsDuring(server.db, async () => {
      const response = filtered
        ? await server.request('POST', `${desk.conversationsPath}/filter`, {
            token: fixture.agent.token,
            body: { payload: filtered },
          })
        : await server.request('GET', `${desk.conversationsPath}/meta?${query}`, { token: fixture.agent.token });
      expect(response.status).toBe(200);
    });
    const counts = statements.filter((sql) => /count\(\*\)|sum\(/.test(sql));
    expect(counts).toHaveLength(1);
    return counts[0];
  };
  const tallies = /^select sum\(count\) .* from [`"]conversation_tallies[`"] where /;
  expect(await countOf('status=all&labels[]=vip')).toMatch(tallies);
  expect(await countOf('status=open&labels[]=vip')).toMatch(tallies);
  expect(await countOf('status=open')).toMatch(tallies);
  expect(await countOf('status=all&labels[]=vip&labels[]=refund')).toMatch(
    /[`"]conversations[`"]\.[`"]id[`"] in \(select/,
  );
  expect(await countOf('status=open&labels[]=vip&labels[]=refund')).toMatch(
    /exists \(select 1 from [`"]conversation_labels[`"]/,
  );
  const labelled = (values: string[]) => [
    { attribute_key: 'labels', filter_operator: 'equal_to', values, query_operator: null },
  ];
  expect(await countOf('', labelled(['VIP', 'vip ']))).toMatch(tallies);
  expect(await countOf('', labelled(['vip', 'refund']))).toMatch(/conversations\.id in \(select/);
});
