import {
  type AccountFixture,
  createAccountFixture,
  type ManualClock,
  manualClock,
  startTestServer,
  type TestServer,
} from '../../src/testing';
import { type Conversation, type ConversationCounts as Counts, createDeskFixture } from './desk-fixture';

interface ConversationList {
  data: { meta: Counts; payload: Conversation[] };
}

let server: TestServer;
let clock: ManualClock;
beforeAll(async () => {
  clock = manualClock();
  server = await startTestServer({ clock });
});
afterAll(() => server.close());

/** A fresh account with its desk, and the requests the tests make in it. */
async function newDesk() {
  const fixture = await createAccountFixture(server);
  const desk = await createDeskFixture(server, fixture);

  /** A new conversation of the contact, one second after the one before, as the administrator. */
  async function start(body: Record<string, unknown> = {}): Promise<Conversation> {
    clock.advance(1);
    const response = await server.request<Conversation>('POST', desk.conversationsPath, {
      token: fixture.admin.token,
      body: { inbox_id: desk.inboxId, contact_id: desk.contactId, ...body },
    });
    if (response.status !== 200) throw new Error(`starting answered ${response.status}`);
    return response.body;
  }

  /** Changes stored columns of a conversation that no operation of this area changes. */
  async function change(displayId: number, columns: Record<string, unknown>): Promise<void> {
    await server.db('conversations').where({ account_id: fixture.accountId, display_id: displayId }).update(columns);
  }

  async function label(displayId: number, ...labels: string[]): Promise<void> {
    const row = await server
      .db('conversations')
      .where({ account_id: fixture.accountId, display_id: displayId })
      .first('id');
    if (!row) throw new Error(`no conversation ${displayId}`);
    await server
      .db('conversation_labels')
      .insert(
        labels.map((text) => ({ account_id: fixture.accountId, conversation_id: row.id, label: text, created_at: 0 })),
      );
  }

  async function send(displayId: number, body: Record<string, unknown>): Promise<void> {
    clock.advance(1);
    const response = await server.request('POST', `${desk.conversationPath(displayId)}/messages`, {
      token: fixture.admin.token,
      body,
    });
    if (response.status !== 200) throw new Error(`sending answered ${response.status}`);
  }

  function list(query = '', token = fixture.admin.token) {
    return server.request<ConversationList>('GET', `${desk.conversationsPath}${query ? `?${query}` : ''}`, { token });
  }

  /** The display ids a list answers, failing the test on any other status than 200. */
  async function ids(query = '', token = fixture.admin.token): Promise<number[]> {
    const response = await list(query, token);
    expect(response.status).toBe(200);
    return response.body.data.payload.map((conversation) => conversation.id);
  }

  async function counts(query = '', token = fixture.admin.token): Promise<Counts> {
    const response = await server.request<{ meta: Counts }>(
      'GET',
      `${desk.conversationsPath}/meta${query ? `?${query}` : ''}`,
      { token },
    );
    expect(response.status).toBe(200);
    return response.body.meta;
  }

  return { fixture, desk, start, change, label, send, list, ids, counts };
}

type Desk = Awaited<ReturnType<typeof newDesk>>;

/** Display ids by the names a test gives its conversations. */
function namedConversations() {
  const ids = new Map<string, number>();
  return {
    set: (name: string, displayId: number) => ids.set(name, displayId),
    id(name: string): number {
      const displayId = ids.get(name);
      if (displayId === undefined) throw new Error(`no conversation is named ${name}`);
      return displayId;
    },
  };
}

/** An agent bot of the account, through the platform API. */
async function createBot(fixture: AccountFixture): Promise<number> {
  const response = await server.request('POST', '/platform/api/v1/agent_bots', {
    token: fixture.platformToken,
    body: { name: 'Triage bot', outgoing_url: 'https://bots.example.com/hook', account_id: fixture.accountId },
  });
  return response.body.id;
}

describe('the conversation list', () => {
  let d: Desk;
  beforeAll(async () => {
    d = await newDesk();
  });

  test('answers the open conversations, most recently active first, in the data envelope with the counts', async () => {
    const older = await d.start();
    const newer = await d.start();
    const resolved = await d.start();
    await d.change(resolved.id, { status: 'resolved' });
    await d.send(older.id, { content: 'Bumped', message_type: 'incoming' });

    const response = await d.list();
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(['data']);
    expect(response.body.data.meta).toEqual({ mine_count: 0, assigned_count: 0, unassigned_count: 2, all_count: 2 });
    expect(response.body.data.payload.map((conversation) => conversation.id)).toEqual([older.id, newer.id]);
    expect(response.body.data.payload[0]).toMatchObject({
      id: older.id,
      status: 'open',
      inbox_id: d.desk.inboxId,
      messages: [expect.objectContaining({ content: 'Bumped' })],
      meta: expect.objectContaining({ sender: expect.objectContaining({ id: d.desk.contactId }) }),
    });
  });

  test('shows how many incoming messages each conversation has unread since an agent last read it, up to 10', async () => {
    const few = await d.start();
    const many = await d.start();
    for (let index = 0; index < 3; index += 1)
      await d.send(few.id, { content: `few ${index}`, message_type: 'incoming' });
    for (let index = 0; index < 12; index += 1) {
      await d.send(many.id, { content: `many ${index}`, message_type: 'incoming' });
    }
    await d.send(many.id, { content: 'An answer' });
    const unread = async () => {
      const listed = (await d.list()).body.data.payload;
      return [few.id, many.id].map((displayId) => listed.find((listed) => listed.id === displayId)?.unread_count);
    };
    expect(await unread()).toEqual([3, 10]);
    const second = await server.db('messages').where({ content: 'few 1' }).first('created_at');
    await d.change(few.id, { agent_last_seen_at: second?.created_at });
    expect(await unread()).toEqual([1, 10]);
  });
});

describe('counts and assignee_type', () => {
  let d: Desk;
  const held = namedConversations();
  beforeAll(async () => {
    d = await newDesk();
    held.set('admin', (await d.start({ assignee_id: d.fixture.admin.id })).id);
    held.set('agent', (await d.start({ assignee_id: d.fixture.agent.id })).id);
    const bot = await createBot(d.fixture);
    held.set('bot', (await d.start()).id);
    await d.change(held.id('bot'), { assignee_agent_bot_id: bot });
    held.set('nobody', (await d.start()).id);
    const resolved = await d.start({ assignee_id: d.fixture.admin.id });
    await d.change(resolved.id, { status: 'resolved' });
  });

  test('count before assignee_type: mine, assigned (a bot-held one included), unassigned, all', async () => {
    const expected = { mine_count: 1, assigned_count: 3, unassigned_count: 1, all_count: 4 };
    for (const assigneeType of ['', 'me', 'unassigned', 'assigned', 'all']) {
      const response = await d.list(assigneeType && `assignee_type=${assigneeType}`);
      expect(response.body.data.meta).toEqual(expected);
    }
    expect(await d.counts()).toEqual(expected);
  });

  test('mine is counted for the caller', async () => {
    expect(await d.counts('', d.fixture.agent.token)).toEqual({
      mine_count: 1,
      assigned_count: 3,
      unassigned_count: 1,
      all_count: 4,
    });
  });

  test.each([
    ['me', ['admin']],
    ['unassigned', ['nobody']],
    ['assigned', ['bot', 'agent', 'admin']],
    ['all', ['nobody', 'bot', 'agent', 'admin']],
    ['anyone-else', ['nobody', 'bot', 'agent', 'admin']],
  ])('assignee_type=%s lists %j', async (assigneeType, holders) => {
    expect(await d.ids(`assignee_type=${assigneeType}`)).toEqual(holders.map((holder) => held.id(holder)));
  });

  test('a bot-held conversation started in an inbox with an agent bot counts as assigned', async () => {
    const fresh = await newDesk();
    const bot = await createBot(fresh.fixture);
    const setBot = await server.request('POST', `${fresh.desk.base}/inboxes/${fresh.desk.inboxId}/set_agent_bot`, {
      token: fresh.fixture.admin.token,
      body: { agent_bot: bot },
    });
    expect(setBot.status).toBe(200);
    const started = await fresh.start();
    expect(started).toMatchObject({ status: 'pending', meta: { assignee_type: 'AgentBot' } });
    expect(await fresh.counts('status=pending')).toEqual({
      mine_count: 0,
      assigned_count: 1,
      unassigned_count: 0,
      all_count: 1,
    });
    expect(await fresh.ids('status=pending&assignee_type=assigned')).toEqual([started.id]);
    expect(await fresh.ids('status=pending&assignee_type=unassigned')).toEqual([]);
  });
});

describe('filters', () => {
  let d: Desk;
  const made = namedConversations();
  let teamId: number;
  beforeAll(async () => {
    d = await newDesk();
    const team = await server.request<{ id: number }>('POST', `${d.desk.base}/teams`, {
      token: d.fixture.admin.token,
      body: { name: 'Billing desk' },
    });
    teamId = team.body.id;
    made.set('open', (await d.start()).id);
    made.set('resolved', (await d.start()).id);
    await d.change(made.id('resolved'), { status: 'resolved' });
    made.set('pending', (await d.start()).id);
    await d.change(made.id('pending'), { status: 'pending' });
    made.set('snoozed', (await d.start()).id);
    await d.change(made.id('snoozed'), { status: 'snoozed' });
    made.set('team', (await d.start({ team_id: teamId })).id);
    made.set('other', (await d.start({ inbox_id: d.desk.otherInboxId })).id);
    made.set('labelled', (await d.start()).id);
    await d.label(made.id('labelled'), 'billing', 'vip');
    made.set('tagged', (await d.start()).id);
    await d.label(made.id('tagged'), 'refund');
  });

  test.each([
    ['', ['tagged', 'labelled', 'other', 'team', 'open']],
    ['status=open', ['tagged', 'labelled', 'other', 'team', 'open']],
    ['status=resolved', ['resolved']],
    ['status=pending', ['pending']],
    ['status=snoozed', ['snoozed']],
    ['status=all', ['tagged', 'labelled', 'other', 'team', 'snoozed', 'pending', 'resolved', 'open']],
  ])('the list with "%s" lists %j', async (query, names) => {
    expect(await d.ids(query)).toEqual(names.map((name) => made.id(name)));
    expect((await d.counts(query)).all_count).toBe(names.length);
  });

  test('inbox_id lists that inbox only, and an inbox of another account lists nothing', async () => {
    expect(await d.ids(`inbox_id=${d.desk.otherInboxId}`)).toEqual([made.id('other')]);
    expect((await d.counts(`inbox_id=${d.desk.otherInboxId}`)).all_count).toBe(1);
    const foreign = await server.request<{ id: number }>(
      'POST',
      `/api/v1/accounts/${d.fixture.otherAccountId}/inboxes`,
      {
        token: d.fixture.outsider.token,
        body: { name: 'Foreign', channel: { type: 'api' } },
      },
    );
    expect(await d.ids(`inbox_id=${foreign.body.id}&status=all`)).toEqual([]);
    expect(await d.ids('inbox_id=2147483647')).toEqual([]);
  });

  test('team_id lists the team conversations; an unknown team, or one of another account, is a 404', async () => {
    expect(await d.ids(`team_id=${teamId}`)).toEqual([made.id('team')]);
    expect((await d.counts(`team_id=${teamId}`)).all_count).toBe(1);
    const foreign = await server.request<{ id: number }>('POST', `/api/v1/accounts/${d.fixture.otherAccountId}/teams`, {
      token: d.fixture.outsider.token,
      body: { name: 'Foreign team' },
    });
    for (const unknown of [foreign.body.id, 2147483647]) {
      expect((await d.list(`team_id=${unknown}`)).status).toBe(404);
      const meta = await server.request('GET', `${d.desk.conversationsPath}/meta?team_id=${unknown}`, {
        token: d.fixture.admin.token,
      });
      expect(meta.status).toBe(404);
    }
  });

  test('labels lists conversations carrying any of them, ignoring case', async () => {
    expect(await d.ids('labels[]=VIP')).toEqual([made.id('labelled')]);
    expect(await d.ids('labels[]=vip&labels[]=refund')).toEqual([made.id('tagged'), made.id('labelled')]);
    expect(await d.ids('labels=billing&labels=refund')).toEqual([made.id('tagged'), made.id('labelled')]);
    expect(await d.ids('labels[]=unknown')).toEqual([]);
    expect((await d.counts('labels[]=vip&labels[]=refund')).all_count).toBe(2);
  });

  test('filters combine', async () => {
    await d.label(made.id('resolved'), 'vip');
    expect(await d.ids('labels[]=vip&status=all')).toEqual([made.id('labelled'), made.id('resolved')]);
    expect(await d.ids(`labels[]=vip&status=all&inbox_id=${d.desk.otherInboxId}`)).toEqual([]);
    expect((await d.counts('labels[]=vip&status=all')).all_count).toBe(2);
    expect((await d.counts(`labels[]=vip&status=all&inbox_id=${d.desk.otherInboxId}`)).all_count).toBe(0);
  });
});

describe('searching with q', () => {
  let d: Desk;
  const made = namedConversations();
  beforeAll(async () => {
    d = await newDesk();
    made.set('incoming', (await d.start()).id);
    await d.send(made.id('incoming'), { content: 'My Invoice 42 is wrong', message_type: 'incoming' });
    made.set('outgoing', (await d.start()).id);
    await d.send(made.id('outgoing'), { content: 'Your invoice was re-sent' });
    made.set('note', (await d.start()).id);
    await d.send(made.id('note'), { content: 'internal: invoice dispute', private: true });
    // Starting it assigned writes the activity "Assigned to … by …".
    made.set('activity', (await d.start({ assignee_id: d.fixture.agent.id })).id);
    made.set('resolved', (await d.start()).id);
    await d.send(made.id('resolved'), { content: 'Old INVOICE question', message_type: 'incoming' });
    await d.change(made.id('resolved'), { status: 'resolved' });
    made.set('percent', (await d.start()).id);
    await d.send(made.id('percent'), { content: 'a discount of 50% off', message_type: 'incoming' });
    made.set('other', (await d.start({ inbox_id: d.desk.otherInboxId })).id);
    await d.send(made.id('other'), { content: 'invoice in sales', message_type: 'incoming' });
  });

  test('matches incoming and outgoing messages and private notes ignoring case, of every status', async () => {
    expect(await d.ids('q=invoice')).toEqual([
      made.id('other'),
      made.id('resolved'),
      made.id('note'),
      made.id('outgoing'),
      made.id('incoming'),
    ]);
    expect(await d.counts('q=invoice')).toEqual({
      mine_count: 0,
      assigned_count: 0,
      unassigned_count: 5,
      all_count: 5,
    });
  });

  test('ignores status, whatever it says', async () => {
    expect(await d.ids('q=invoice&status=resolved')).toEqual(await d.ids('q=invoice'));
    expect(await d.ids('q=invoice&status=open')).toEqual(await d.ids('q=invoice'));
  });

  test('does not match activity messages', async () => {
    expect(await d.ids('q=Assigned%20to')).toEqual([]);
    expect(await d.ids('q=Agent')).toEqual([]);
  });

  test('takes % and _ as themselves', async () => {
    expect(await d.ids('q=50%25')).toEqual([made.id('percent')]);
    expect(await d.ids('q=%25')).toEqual([made.id('percent')]);
    expect(await d.ids('q=_')).toEqual([]);
  });

  test('finds texts shorter than three characters', async () => {
    expect(await d.ids('q=42')).toEqual([made.id('incoming')]);
    expect(await d.ids('q=wR')).toEqual([made.id('incoming')]);
  });

  test('combines with the other filters', async () => {
    expect(await d.ids(`q=invoice&inbox_id=${d.desk.otherInboxId}`)).toEqual([made.id('other')]);
    expect(await d.ids('q=invoice', d.fixture.agent.token)).toEqual([
      made.id('resolved'),
      made.id('note'),
      made.id('outgoing'),
      made.id('incoming'),
    ]);
    await d.label(made.id('note'), 'legal');
    expect(await d.ids('q=invoice&labels[]=legal')).toEqual([made.id('note')]);
  });

  test('lists a conversation once however many of its messages match', async () => {
    await d.send(made.id('incoming'), { content: 'Another invoice', message_type: 'incoming' });
    const listed = await d.ids('q=invoice');
    expect(listed.filter((id) => id === made.id('incoming'))).toHaveLength(1);
    expect((await d.counts('q=invoice')).all_count).toBe(5);
  });

  test('an empty q is left out', async () => {
    expect(await d.ids('q=')).toEqual(await d.ids(''));
  });
});

describe('pages', () => {
  test('25 conversations per page, from page 1', async () => {
    const d = await newDesk();
    const started: number[] = [];
    for (let index = 0; index < 30; index += 1) started.push((await d.start()).id);
    const newestFirst = [...started].reverse();
    expect(await d.ids()).toEqual(newestFirst.slice(0, 25));
    expect(await d.ids('page=1')).toEqual(newestFirst.slice(0, 25));
    expect(await d.ids('page=2')).toEqual(newestFirst.slice(25));
    expect(await d.ids('page=3')).toEqual([]);
    const response = await d.list('page=2');
    expect(response.body.data.meta.all_count).toBe(30);
  });
});

describe('sort_by', () => {
  let d: Desk;
  const made = namedConversations();
  beforeAll(async () => {
    d = await newDesk();
    // created_at follows the display ids; each row sets the rest.
    const rows: Array<[string, Record<string, unknown>]> = [
      ['a', { last_activity_at: 500, priority: 'low', waiting_since: 300 }],
      ['b', { last_activity_at: 400, priority: null, waiting_since: null }],
      ['c', { last_activity_at: 700, priority: 'urgent', waiting_since: 100 }],
      ['d', { last_activity_at: 600, priority: 'high', waiting_since: null }],
      ['e', { last_activity_at: 650, priority: 'high', waiting_since: 200 }],
    ];
    for (const [name, columns] of rows) {
      made.set(name, (await d.start()).id);
      await d.change(made.id(name), columns);
    }
  });

  test.each([
    ['', 'cedab'],
    ['last_activity_at_desc', 'cedab'],
    ['latest', 'cedab'],
    ['unknown_order', 'cedab'],
    ['last_activity_at_asc', 'badec'],
    ['created_at_asc', 'abcde'],
    ['created_at_desc', 'edcba'],
    ['priority_desc', 'cedab'],
    ['priority_asc', 'aedcb'],
    ['priority_desc_created_at_asc', 'cdeab'],
    ['waiting_since_asc', 'ceabd'],
    ['waiting_since_desc', 'aecbd'],
    ['sort_on_created_at', 'abcde'],
    ['sort_on_priority', 'cedab'],
    ['sort_on_waiting_since', 'ceabd'],
    ['constructor', 'cedab'],
  ])('sort_by="%s" orders %s', async (sortBy, order) => {
    expect(await d.ids(sortBy && `sort_by=${sortBy}`)).toEqual([...order].map((name) => made.id(name)));
  });
});

describe('who sees what', () => {
  let d: Desk;
  let inDesk: number;
  let inOther: number;
  beforeAll(async () => {
    d = await newDesk();
    inDesk = (await d.start()).id;
    const team = await server.request<{ id: number }>('POST', `${d.desk.base}/teams`, {
      token: d.fixture.admin.token,
      body: { name: 'Escalations' },
    });
    await server.request('POST', `${d.desk.base}/teams/${team.body.id}/team_members`, {
      token: d.fixture.admin.token,
      body: { user_ids: [d.fixture.agent.id] },
    });
    inOther = (await d.start({ inbox_id: d.desk.otherInboxId, team_id: team.body.id })).id;
  });

  test('administrators see the whole account', async () => {
    expect(await d.ids()).toEqual([inOther, inDesk]);
  });

  test('agents see the conversations of their inboxes only, whatever team they are in', async () => {
    expect(await d.ids('', d.fixture.agent.token)).toEqual([inDesk]);
    expect((await d.counts('', d.fixture.agent.token)).all_count).toBe(1);
    const shown = await server.request('GET', d.desk.conversationPath(inOther), { token: d.fixture.agent.token });
    expect(shown.status).toBe(200);
    expect(await d.ids('', d.desk.otherAgent.token)).toEqual([inOther]);
  });

  test('an agent naming an inbox they are not a member of gets an empty list and zero counts', async () => {
    const response = await d.list(`inbox_id=${d.desk.otherInboxId}`, d.fixture.agent.token);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      meta: { mine_count: 0, assigned_count: 0, unassigned_count: 0, all_count: 0 },
      payload: [],
    });
    expect(await d.ids(`inbox_id=${d.desk.inboxId}`, d.fixture.agent.token)).toEqual([inDesk]);
  });

  test('members of another account and strangers are refused with 401', async () => {
    for (const token of [d.fixture.outsider.token, 'not-a-token']) {
      expect((await d.list('', token)).status).toBe(401);
      const meta = await server.request('GET', `${d.desk.conversationsPath}/meta`, { token });
      expect(meta.status).toBe(401);
    }
  });
});

describe('invalid parameters', () => {
  let d: Desk;
  beforeAll(async () => {
    d = await newDesk();
  });

  test.each([
    ['page=0', 'page'],
    ['page=two', 'page'],
    ['status=closed', 'status'],
    ['inbox_id=abc', 'inbox_id'],
    ['inbox_id=0', 'inbox_id'],
    ['team_id=first', 'team_id'],
  ])('%s is a 422 naming the parameter', async (query, parameter) => {
    const token = d.fixture.admin.token;
    const response = await server.request('GET', `${d.desk.conversationsPath}?${query}`, { token });
    expect([response.status, response.body.attributes]).toEqual([422, [parameter]]);
    if (parameter !== 'page') {
      const meta = await server.request('GET', `${d.desk.conversationsPath}/meta?${query}`, { token });
      expect([meta.status, meta.body.attributes]).toEqual([422, [parameter]]);
    }
  });
});

describe('filtering conversations', () => {
  let d: Desk;
  const made = namedConversations();
  const filter = (payload: unknown[], { token = d.fixture.admin.token, query = '' } = {}) =>
    server.request('POST', `${d.desk.conversationsPath}/filter${query}`, { token, body: { payload } });
  const displayIdsOf = (body: { payload: Conversation[] }) => body.payload.map((conversation) => conversation.id);
  const condition = (attribute_key: string, filter_operator: string, values?: unknown[], query_operator?: string) => ({
    attribute_key,
    filter_operator,
    ...(values && { values }),
    ...(query_operator && { query_operator }),
  });

  beforeAll(async () => {
    d = await newDesk();
    made.set('mine', (await d.start({ assignee_id: d.fixture.admin.id })).id);
    made.set('bot', (await d.start()).id);
    await d.change(made.id('bot'), { assignee_agent_bot_id: await createBot(d.fixture) });
    made.set('resolved', (await d.start()).id);
    await d.change(made.id('resolved'), { status: 'resolved', priority: 'high' });
    made.set('other', (await d.start({ inbox_id: d.desk.otherInboxId })).id);
    await d.change(made.id('other'), { priority: 'high' });
  });

  test('answers the matching conversations of every status, most recently active first, with three counts and no data wrapper', async () => {
    const response = await filter([condition('priority', 'equal_to', ['high'])]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      meta: { mine_count: 0, unassigned_count: 2, all_count: 2 },
      payload: [
        expect.objectContaining({ id: made.id('other') }),
        expect.objectContaining({ id: made.id('resolved') }),
      ],
    });
  });

  test('counts a bot-held conversation as assigned, and mine for the caller', async () => {
    const response = await filter([condition('status', 'equal_to', ['open'])]);
    expect(displayIdsOf(response.body)).toEqual([made.id('other'), made.id('bot'), made.id('mine')]);
    expect(response.body.meta).toEqual({ mine_count: 1, unassigned_count: 1, all_count: 3 });
    const present = await filter([condition('assignee_id', 'is_present')]);
    expect(displayIdsOf(present.body)).toEqual([made.id('bot'), made.id('mine')]);
  });

  test('joins conditions and reads only the inboxes an agent is a member of', async () => {
    const payload = [condition('status', 'equal_to', ['resolved'], 'OR'), condition('priority', 'equal_to', ['high'])];
    expect(displayIdsOf((await filter(payload)).body)).toEqual([made.id('other'), made.id('resolved')]);
    const asAgent = await filter(payload, { token: d.fixture.agent.token });
    expect(asAgent.body).toEqual({
      meta: { mine_count: 0, unassigned_count: 1, all_count: 1 },
      payload: [expect.objectContaining({ id: made.id('resolved') })],
    });
    const asOtherAgent = await filter(payload, { token: d.desk.otherAgent.token });
    expect(displayIdsOf(asOtherAgent.body)).toEqual([made.id('other')]);
  });

  test('pages by 25', async () => {
    const paged = await newDesk();
    const started: number[] = [];
    for (let index = 0; index < 27; index += 1) started.push((await paged.start()).id);
    const all = [condition('status', 'equal_to', ['all'])];
    const request = (query: string) =>
      server.request('POST', `${paged.desk.conversationsPath}/filter${query}`, {
        token: paged.fixture.admin.token,
        body: { payload: all },
      });
    const newestFirst = started.reverse();
    expect(displayIdsOf((await request('')).body)).toEqual(newestFirst.slice(0, 25));
    const second = await request('?page=2');
    expect(displayIdsOf(second.body)).toEqual(newestFirst.slice(25));
    expect(second.body.meta.all_count).toBe(27);
    expect((await request('?page=0')).status).toBe(422);
  });

  test('refuses malformed conditions with a 422 naming each of them', async () => {
    const response = await filter([
      condition('status', 'equal_to', ['open'], 'AND'),
      condition('nickname', 'equal_to', ['x'], 'AND'),
      condition('priority', 'equal_to', []),
    ]);
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['payload.1.attribute_key', 'payload.2.values']);
    expect((await filter([])).status).toBe(422);
    const noOperator = await filter([condition('status', 'not_a_operator', ['open'])]);
    expect(noOperator.status).toBe(422);
  });

  test('refuses members of another account with 401', async () => {
    const response = await filter([condition('status', 'equal_to', ['open'])], { token: d.fixture.outsider.token });
    expect(response.status).toBe(401);
  });
});

describe("a contact's conversations", () => {
  test('are listed most recently active first, in the inboxes the caller sees', async () => {
    const d = await newDesk();
    const first = await d.start();
    const inOther = await d.start({ inbox_id: d.desk.otherInboxId });
    const resolved = await d.start();
    await d.change(resolved.id, { status: 'resolved' });
    await d.send(first.id, { content: 'Back again', message_type: 'incoming' });
    const someoneElse = await server.request<{ payload: { contact: { id: number } } }>(
      'POST',
      `${d.desk.base}/contacts`,
      {
        token: d.fixture.admin.token,
        body: { name: 'Somebody Else', email: `else-${d.fixture.accountId}@example.com`, inbox_id: d.desk.inboxId },
      },
    );
    await d.start({ contact_id: someoneElse.body.payload.contact.id });

    const path = `${d.desk.base}/contacts/${d.desk.contactId}/conversations`;
    const asAdmin = await server.request<{ payload: Conversation[] }>('GET', path, { token: d.fixture.admin.token });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.payload.map((conversation) => conversation.id)).toEqual([first.id, resolved.id, inOther.id]);
    expect(asAdmin.body.payload[0]).toMatchObject({ messages: [expect.objectContaining({ content: 'Back again' })] });
    const asAgent = await server.request<{ payload: Conversation[] }>('GET', path, { token: d.fixture.agent.token });
    expect(asAgent.body.payload.map((conversation) => conversation.id)).toEqual([first.id, resolved.id]);
  });

  test('are the 20 most recently active', async () => {
    const d = await newDesk();
    const started: number[] = [];
    for (let index = 0; index < 22; index += 1) started.push((await d.start()).id);
    const response = await server.request<{ payload: Conversation[] }>(
      'GET',
      `${d.desk.base}/contacts/${d.desk.contactId}/conversations`,
      { token: d.fixture.admin.token },
    );
    expect(response.body.payload.map((conversation) => conversation.id)).toEqual(started.reverse().slice(0, 20));
  });

  test('of an unknown contact, or one of another account, are a 404', async () => {
    const d = await newDesk();
    const response = await server.request('GET', `${d.desk.base}/contacts/2147483647/conversations`, {
      token: d.fixture.admin.token,
    });
    expect(response.status).toBe(404);
  });
});
