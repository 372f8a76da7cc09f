import {
  countedTallies,
  createAccountFixture,
  startTestServer,
  storedTallies,
  type TestServer,
} from '../../src/testing';
import { deskActions } from './desk-actions';
import {
  type Conversation,
  type ConversationCounts as Counts,
  createDeskFixture,
  type DeskFixture,
} from './desk-fixture';

/** Who reads the counts: a member of the account with their token. */
interface Viewer {
  name: string;
  id: number;
  token: string;
}

/** What a list, its counts and a filter select: the status (`all` for every one), the inbox, a label. */
interface Selection {
  status: 'open' | 'resolved' | 'pending' | 'snoozed' | 'all';
  inboxId?: number;
  label?: string;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const isPostgres = () => server.db.client.config.client === 'pg';

/**
 * What counts the selections as a viewer would see them, from the account's conversations as they are now, one by
 * one.
 */
async function directCounts(accountId: number) {
  const administrators = (
    await server.db('account_users').where({ account_id: accountId, role: 'administrator' }).select('user_id')
  ).map((row) => row.user_id);
  const memberships = await server.db('inbox_members').select('user_id', 'inbox_id');
  const conversations = await server.db('conversations').where({ account_id: accountId });
  const labels = await server.db('conversation_labels').select('conversation_id', 'label');
  return (viewer: Viewer, selection: Selection): Counts => {
    const sees = (inboxId: number) =>
      administrators.includes(viewer.id) ||
      memberships.some((membership) => membership.user_id === viewer.id && membership.inbox_id === inboxId);
    const selected = conversations.filter(
      (conversation) =>
        sees(conversation.inbox_id) &&
        (selection.status === 'all' || conversation.status === selection.status) &&
        (selection.inboxId === undefined || conversation.inbox_id === selection.inboxId) &&
        (selection.label === undefined ||
          labels.some((row) => row.conversation_id === conversation.id && row.label === selection.label)),
    );
    const unassigned = selected.filter(
      (conversation) => conversation.assignee_id === null && conversation.assignee_agent_bot_id === null,
    ).length;
    return {
      mine_count: selected.filter((conversation) => conversation.assignee_id === viewer.id).length,
      assigned_count: selected.length - unassigned,
      unassigned_count: unassigned,
      all_count: selected.length,
    };
  };
}

const selections = (desk: DeskFixture): Selection[] => [
  { status: 'open' },
  { status: 'resolved' },
  { status: 'pending' },
  { status: 'snoozed' },
  { status: 'all' },
  { status: 'all', inboxId: desk.inboxId },
  { status: 'open', inboxId: desk.otherInboxId },
  { status: 'open', label: 'billing' },
  { status: 'all', label: 'billing' },
  { status: 'resolved', label: 'refund' },
  { status: 'all', label: 'vip', inboxId: desk.inboxId },
];

const labelFilters = [['billing'], [' Billing', 'BILLING'], ['refund']];

function queryOf(selection: Selection): string {
  return [
    `status=${selection.status}`,
    ...(selection.inboxId === undefined ? [] : [`inbox_id=${selection.inboxId}`]),
    ...(selection.label === undefined ? [] : [`labels[]=${selection.label}`]),
  ].join('&');
}

/** The desk of an account whose conversations the tests change step by step, and what checks its counts. */
async function tallyDesk() {
  const fixture = await createAccountFixture(server);
  const desk = await createDeskFixture(server, fixture);
  const actions = deskActions(server, fixture, desk);
  const admin = fixture.admin.token;
  const viewers: Viewer[] = [
    { name: 'administrator', ...fixture.admin },
    { name: 'agent', ...fixture.agent },
    { name: 'other agent', ...desk.otherAgent },
  ];

  async function expectOk<Body = any>(method: string, path: string, body?: unknown, token = admin): Promise<Body> {
    const response = await server.request<Body>(method, path, { token, ...(body !== undefined && { body }) });
    if (response.status !== 200) {
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  /**
   * Every tally equals the count of the conversations it tallies, and every viewer's list counts, counts and label
   * filters equal the counts of the conversations themselves.
   */
  async function expectCountsRight(): Promise<void> {
    expect(await storedTallies(server.db)).toEqual(await countedTallies(server.db));
    const counted = await directCounts(fixture.accountId);
    for (const viewer of viewers) {
      const read = (method: string, path: string, body?: unknown) => expectOk(method, path, body, viewer.token);
      const lists = selections(desk).map(async (selection) => {
        const query = queryOf(selection);
        const [list, meta] = await Promise.all([
          read('GET', `${desk.conversationsPath}?${query}`),
          read('GET', `${desk.conversationsPath}/meta?${query}`),
        ]);
        return { query, list: list.data.meta, meta: meta.meta };
      });
      const expectedLists = selections(desk).map((selection) => {
        const expected = counted(viewer, selection);
        return { query: queryOf(selection), list: expected, meta: expected };
      });
      // The filter compares labels as the lists do, ignoring case and surrounding blanks.
      const filters = labelFilters.map(async (values) => {
        const payload = [{ attribute_key: 'labels', filter_operator: 'equal_to', values, query_operator: null }];
        return { values, filter: (await read('POST', `${desk.conversationsPath}/filter`, { payload })).meta };
      });
      const expectedFilters = labelFilters.map((values) => {
        const { assigned_count, ...expected } = counted(viewer, {
          status: 'all',
          label: values[0]!.trim().toLowerCase(),
        });
        return { values, filter: expected };
      });
      expect({ viewer: viewer.name, lists: await Promise.all(lists), filters: await Promise.all(filters) }).toEqual({
        viewer: viewer.name,
        lists: expectedLists,
        filters: expectedFilters,
      });
    }
  }

  /** A new conversation of the contact in the inbox, as the administrator. */
  const start = (body: Record<string, unknown>) =>
    expectOk<Conversation>('POST', desk.conversationsPath, { contact_id: desk.contactId, ...body });

  const setLabels = (displayId: number, labels: string[]) =>
    expectOk('POST', `${desk.conversationPath(displayId)}/labels`, { labels });

  const assign = (displayId: number, body: Record<string, unknown>) =>
    expectOk('POST', `${desk.conversationPath(displayId)}/assignments`, body);

  const toggle = (displayId: number, body: Record<string, unknown>) =>
    expectOk('POST', `${desk.conversationPath(displayId)}/toggle_status`, body);

  /** Changes the conversation's row itself, as code other than this API's might. */
  async function change(displayId: number, columns: Record<string, unknown>): Promise<void> {
    await server.db('conversations').where({ account_id: fixture.accountId, display_id: displayId }).update(columns);
  }

  return { fixture, desk, actions, expectOk, expectCountsRight, start, setLabels, assign, toggle, change };
}

describe('the counts of the desk, read from the conversation tallies', () => {
  let d: Awaited<ReturnType<typeof tallyDesk>>;
  let botId: number;
  let secondContactId: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    d = await tallyDesk();
    botId = (await d.actions.createBot()).id;
    const contact = await d.expectOk('POST', `${d.desk.base}/contacts`, {
      name: 'Dora Contact',
      email: `dora-${d.fixture.accountId}@example.com`,
      inbox_id: d.desk.inboxId,
    });
    secondContactId = contact.payload.contact.id;
  });

  test('count new conversations, of each status and assignee they start with', async () => {
    ids.first = (await d.start({ inbox_id: d.desk.inboxId })).id;
    ids.mine = (await d.start({ inbox_id: d.desk.inboxId, assignee_id: d.fixture.agent.id })).id;
    ids.pending = (await d.start({ inbox_id: d.desk.inboxId, status: 'pending' })).id;
    ids.other = (await d.start({ inbox_id: d.desk.otherInboxId })).id;
    ids.dora = (await d.start({ inbox_id: d.desk.inboxId, contact_id: secondContactId })).id;
    await d.expectCountsRight();
  });

  test('follow labels as they are added, replaced and removed', async () => {
    await d.setLabels(ids.first!, ['Billing', 'vip']);
    await d.setLabels(ids.mine!, ['billing']);
    await d.setLabels(ids.other!, ['billing', 'refund']);
    await d.setLabels(ids.dora!, ['billing', 'vip']);
    await d.expectCountsRight();
    await d.setLabels(ids.first!, ['vip', 'refund']);
    await d.setLabels(ids.mine!, []);
    await d.expectCountsRight();
  });

  test('follow assignments to agents, to nobody and to a bot', async () => {
    await d.assign(ids.first!, { assignee_id: d.fixture.agent.id });
    await d.assign(ids.pending!, { assignee_id: d.fixture.admin.id });
    await d.assign(ids.mine!, { assignee_id: null });
    await d.expectCountsRight();
    await d.assign(ids.dora!, { assignee_type: 'AgentBot', assignee_id: botId });
    await d.assign(ids.other!, { assignee_type: 'AgentBot', assignee_id: botId });
    await d.expectCountsRight();
    await d.assign(ids.other!, { assignee_id: d.desk.otherAgent.id });
    await d.expectCountsRight();
  });

  test('follow status changes, and the contact’s message that reopens a resolved conversation', async () => {
    await d.toggle(ids.first!, { status: 'resolved' });
    await d.toggle(ids.mine!, { status: 'snoozed' });
    await d.toggle(ids.other!, { status: 'resolved' });
    await d.toggle(ids.pending!, { status: 'open' });
    await d.expectCountsRight();
    await d.expectOk('POST', `${d.desk.conversationPath(ids.first!)}/messages`, {
      content: 'It is still broken',
      message_type: 'incoming',
    });
    expect((await d.actions.show(ids.first!)).status).toBe('open');
    await d.expectCountsRight();
  });

  test('follow any code’s changes of the row: a move to another inbox, several conversations at once', async () => {
    await d.change(ids.first!, { inbox_id: d.desk.otherInboxId });
    await d.expectCountsRight();
    await server.db('conversations').where({ account_id: d.fixture.accountId }).update({ status: 'pending' });
    await d.expectCountsRight();
    await server.db('conversations').where({ account_id: d.fixture.accountId }).update({ status: 'open' });
    await d.expectCountsRight();
  });

  test('follow labels written by any code', async () => {
    const conversation = await server
      .db('conversations')
      .where({ account_id: d.fixture.accountId, display_id: ids.pending! })
      .first();
    const labels = () => server.db('conversation_labels').where({ conversation_id: conversation!.id });
    await server
      .db('conversation_labels')
      .insert({ account_id: d.fixture.accountId, conversation_id: conversation!.id, label: 'billing', created_at: 0 });
    await d.expectCountsRight();
    await labels().update({ label: 'refund' });
    await d.expectCountsRight();
    await labels().delete();
    await d.expectCountsRight();
  });

  test('let go of the conversations of a deleted bot and of a deleted user', async () => {
    const platform = (method: string, path: string, body?: unknown) =>
      d.expectOk(method, `/platform/api/v1${path}`, body, d.fixture.platformToken);
    const user = await platform('POST', '/users', {
      name: 'Leaving',
      email: `leaving-${d.fixture.accountId}@example.com`,
    });
    await platform('POST', `/accounts/${d.fixture.accountId}/account_users`, { user_id: user.id, role: 'agent' });
    await d.expectOk('POST', `${d.desk.base}/inbox_members`, { inbox_id: d.desk.inboxId, user_ids: [user.id] });
    await d.assign(ids.mine!, { assignee_id: user.id });
    await d.assign(ids.pending!, { assignee_type: 'AgentBot', assignee_id: botId });
    await d.expectCountsRight();
    await d.expectOk('DELETE', `${d.desk.base}/agent_bots/${botId}`);
    await d.expectCountsRight();
    await platform('DELETE', `/users/${user.id}`);
    expect((await d.actions.show(ids.mine!)).meta.assignee).toBeUndefined();
    await d.expectCountsRight();
  });

  test('take out deleted conversations with their labels: by themselves, with their contact, with their account', async () => {
    await d.setLabels(ids.pending!, ['billing', 'refund']);
    await server.db('conversations').where({ account_id: d.fixture.accountId, display_id: ids.pending! }).delete();
    await d.expectCountsRight();
    await d.expectOk('DELETE', `${d.desk.base}/contacts/${secondContactId}`);
    expect(await server.db('conversations').where({ account_id: d.fixture.accountId, display_id: ids.dora! })).toEqual(
      [],
    );
    await d.expectCountsRight();
    await d.expectOk('DELETE', `/platform/api/v1/accounts/${d.fixture.accountId}`, undefined, d.fixture.platformToken);
    expect(await storedTallies(server.db)).toEqual(await countedTallies(server.db));
    expect(
      await server.db('conversation_tallies').where({ account_id: d.fixture.accountId }).sum('count as total'),
    ).toEqual([{ total: 0 }]);
  });
});

describe('concurrent changes', () => {
  test('lose no count and wait for one another in no circle', async () => {
    const d = await tallyDesk();
    const started = await Promise.all(Array.from({ length: 12 }, () => d.start({ inbox_id: d.desk.inboxId })));
    const displayIds = started.map((conversation) => conversation.id);
    await Promise.all(displayIds.slice(0, 6).map((displayId) => d.toggle(displayId, { status: 'resolved' })));
    await d.expectCountsRight();
    // Half go from open to resolved while the other half come back, each moving the same two tallies the other way,
    // as labels are given and conversations assigned.
    await Promise.all([
      ...displayIds.map((displayId, index) => d.toggle(displayId, { status: index < 6 ? 'open' : 'resolved' })),
      ...displayIds.map((displayId) => d.setLabels(displayId, ['billing'])),
      ...displayIds.map((displayId) => d.assign(displayId, { assignee_id: d.fixture.agent.id })),
    ]);
    await d.expectCountsRight();
  });
});

describe('a new message', () => {
  const operations = ['insert', 'update', 'delete'];
  const written = 'the conversation tallies are written';

  /**
   * Makes any statement writing the tallies fail: on PostgreSQL before it runs, even one that would write no row, and
   * so before it could lock any.
   */
  async function freezeTallies(): Promise<void> {
    if (isPostgres()) {
      await server.db.raw(`create function conversation_tallies_frozen() returns trigger language plpgsql as $$
        begin raise exception '${written}'; end $$`);
      await server.db.raw(`create trigger conversation_tallies_frozen before insert or update or delete
        on conversation_tallies for each statement execute function conversation_tallies_frozen()`);
      return;
    }
    for (const operation of operations) {
      await server.db.raw(`create trigger conversation_tallies_frozen_${operation} before ${operation}
        on conversation_tallies begin select raise(abort, '${written}'); end`);
    }
  }

  async function thawTallies(): Promise<void> {
    if (isPostgres()) {
      await server.db.raw('drop trigger conversation_tallies_frozen on conversation_tallies');
      await server.db.raw('drop function conversation_tallies_frozen()');
      return;
    }
    for (const operation of operations) await server.db.raw(`drop trigger conversation_tallies_frozen_${operation}`);
  }

  test('leaves the tallies alone, unless it reopens the conversation', async () => {
    const d = await tallyDesk();
    const conversation = await d.start({ inbox_id: d.desk.inboxId });
    await d.setLabels(conversation.id, ['billing']);
    await d.assign(conversation.id, { assignee_id: d.fixture.agent.id });
    const send = (body: Record<string, unknown>) =>
      server.request('POST', `${d.desk.conversationPath(conversation.id)}/messages`, {
        token: d.fixture.admin.token,
        body,
      });
    await freezeTallies();
    try {
      expect((await send({ content: 'Hello?', message_type: 'incoming' })).status).toBe(200);
      expect((await send({ content: 'Hello, how can I help?', message_type: 'outgoing' })).status).toBe(200);
      expect((await send({ content: 'A regular', message_type: 'outgoing', private: true })).status).toBe(200);
      expect((await send({ content: 'My invoice', message_type: 'incoming' })).status).toBe(200);
      // What the tallies follow cannot change while they are frozen.
      expect(
        (await d.toggle(conversation.id, { status: 'resolved' }).catch((error: Error) => error.message)) as string,
      ).toContain('answered 500');
    } finally {
      await thawTallies();
    }
    await d.toggle(conversation.id, { status: 'resolved' });
    await freezeTallies();
    try {
      expect((await send({ content: 'It broke again', message_type: 'incoming' })).status).toBe(500);
    } finally {
      await thawTallies();
    }
    expect((await send({ content: 'It broke again', message_type: 'incoming' })).status).toBe(200);
    expect((await d.actions.show(conversation.id)).status).toBe('open');
    await d.expectCountsRight();
  });
});
