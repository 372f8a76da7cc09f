import { randomUUID } from 'node:crypto';
import { idOf } from '../../db/inserted-id';
import { writeJson } from '../../db/json-column';
import type { ConversationColumns } from '../../db/tables';
import type { AppError } from '../../errors/app-error';
import { createTestDatabase, manualClock, type TestDatabase } from '../../testing';
import type { AttributeModel, DisplayType } from '../custom-attributes/custom-attribute-vocabulary';
import { standardAttributeKeys } from '../custom-attributes/custom-attribute-vocabulary';
import type { FilterCondition } from '../filters/filter-attribute';
import { conversationFilterCondition, type SelectionReading, soleLabelOf } from './conversation-filter';

/*
 * The filter's SQL run against a database of the engine DATABASE_URL selects, over rows written straight to the
 * tables: the conversation services are not needed to tell which conversations a condition selects.
 */

const clock = manualClock();
const secondsPerDay = 86_400;
let database: TestDatabase;
const db = () => database.db;

interface World {
  accountId: number;
  otherAccountId: number;
  inboxes: [number, number];
  contacts: [number, number];
  users: [number, number];
  teams: [number, number];
  botId: number;
}
let world: World;

const now = () => clock.nowSeconds();
const stamps = () => ({ created_at: now(), updated_at: now() });

async function insertAccount(name: string) {
  const [row] = await db()('accounts')
    .insert({ name, custom_attributes: writeJson({}), limits: writeJson({}), ...stamps() })
    .returning('id');
  return idOf(row);
}

async function insertUser(name: string) {
  const [row] = await db()('users')
    .insert({
      name,
      email: `${name}-${randomUUID()}@example.com`,
      pubsub_token: randomUUID(),
      ui_settings: writeJson({}),
      custom_attributes: writeJson({}),
      ...stamps(),
    })
    .returning('id');
  return idOf(row);
}

async function insertTeam(accountId: number, name: string) {
  const [row] = await db()('teams')
    .insert({ account_id: accountId, name, name_key: name.toLowerCase(), ...stamps() })
    .returning('id');
  return idOf(row);
}

async function insertInbox(accountId: number, name: string) {
  const [row] = await db()('inboxes')
    .insert({
      account_id: accountId,
      name,
      channel_type: 'Channel::Api',
      auto_assignment_config: writeJson({}),
      working_hours: writeJson([]),
      channel_settings: writeJson({}),
      ...stamps(),
    })
    .returning('id');
  return idOf(row);
}

async function insertContact(accountId: number, name: string) {
  const [row] = await db()('contacts')
    .insert({
      account_id: accountId,
      name,
      additional_attributes: writeJson({}),
      custom_attributes: writeJson({}),
      ...stamps(),
    })
    .returning('id');
  return idOf(row);
}

async function define(
  key: string,
  type: DisplayType,
  model: AttributeModel = 'conversation_attribute',
  accountId = world.accountId,
) {
  await db()('custom_attribute_definitions').insert({
    account_id: accountId,
    attribute_model: model,
    attribute_key: key,
    attribute_display_name: key,
    attribute_display_type: type,
    attribute_values: writeJson(['Gold', 'Silver']),
    ...stamps(),
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const accountId = await insertAccount('Filtered');
  const otherAccountId = await insertAccount('Elsewhere');
  const [botRow] = await db()('agent_bots')
    .insert({ name: 'Triage', account_id: accountId, bot_config: writeJson({}), ...stamps() })
    .returning('id');
  world = {
    accountId,
    otherAccountId,
    inboxes: [await insertInbox(accountId, 'Support'), await insertInbox(accountId, 'Sales')],
    contacts: [await insertContact(accountId, 'Ana'), await insertContact(accountId, 'Bo')],
    users: [await insertUser('amelia'), await insertUser('bruno')],
    teams: [await insertTeam(accountId, 'Billing'), await insertTeam(accountId, 'Returns')],
    botId: idOf(botRow),
  };
});
afterAll(() => database.drop());

/** What a conversation has besides the defaults: its columns, its labels, and its JSON attributes as objects. */
type ConversationSpec = Partial<Omit<ConversationColumns, 'id' | 'additional_attributes' | 'custom_attributes'>> & {
  additional?: Record<string, unknown>;
  custom?: Record<string, unknown>;
  labels?: string[];
};

let lastDisplayId = 0;

async function createConversation({ additional = {}, custom = {}, labels = [], ...columns }: ConversationSpec = {}) {
  const [row] = await db()('conversations')
    .insert({
      account_id: world.accountId,
      inbox_id: world.inboxes[0],
      contact_id: world.contacts[0],
      display_id: ++lastDisplayId,
      uuid: randomUUID(),
      last_activity_at: now(),
      additional_attributes: writeJson(additional),
      custom_attributes: writeJson(custom),
      created_at: now(),
      updated_at: now() * 1000,
      ...columns,
    })
    .returning('id');
  const id = idOf(row);
  for (const label of labels) {
    await db()('conversation_labels').insert({
      account_id: columns.account_id ?? world.accountId,
      conversation_id: id,
      label,
      created_at: now(),
    });
  }
  return id;
}

const condition = (attribute_key: string, filter_operator: string, values?: unknown[]): FilterCondition =>
  ({ attribute_key, filter_operator, ...(values !== undefined && { values }) }) as FilterCondition;

const joined = (join: string, first: FilterCondition): FilterCondition => ({ ...first, query_operator: join });

/** The ids among `ids` that the account's filter selects, the same whether counted or paged. */
async function selected(conditions: FilterCondition[], ids: number[], accountId = world.accountId) {
  const filter = await conversationFilterCondition(db(), accountId, conditions, now());
  const selectedFor = async (reading: SelectionReading) => {
    const rows = await db()('conversations')
      .where('conversations.account_id', accountId)
      .whereIn('conversations.id', ids)
      .where((narrowed) => filter(narrowed, reading))
      .select('conversations.id')
      .orderBy('conversations.id');
    return rows.map((row: { id: number }) => row.id);
  };
  const counted = await selectedFor('count');
  expect(counted).toEqual(await selectedFor('page'));
  return new Set(counted);
}

/** Whether the filter selects each conversation, in order. */
async function matches(conditions: FilterCondition[], ids: number[]) {
  const found = await selected(conditions, ids);
  return ids.map((id) => found.has(id));
}

/** The problems of the 422 a filter is refused with. */
async function problemsOf(conditions: FilterCondition[]) {
  const refusal: AppError = await conversationFilterCondition(db(), world.accountId, conditions, now()).then(
    () => {
      throw new Error('the filter compiled');
    },
    (error: AppError) => error,
  );
  expect(refusal.status).toBe(422);
  return refusal.problems;
}

interface OperatorCase {
  values?: unknown[];
  matching: ConversationSpec[];
  other: ConversationSpec[];
}

/** Each case gets a fresh token and a fresh block of a thousand display ids, so that no case sees another's values. */
type CaseMaker = (token: string, displayIds: number) => OperatorCase;

const given = (values: unknown[] | undefined, matching: ConversationSpec[], other: ConversationSpec[]) => ({
  values,
  matching,
  other,
});
const described = (additional: Record<string, unknown>): ConversationSpec => ({ additional });
const day = (iso: string) => Date.parse(iso) / 1000;
const daysAgoLimit = (days: number) => Math.floor(now() / secondsPerDay) * secondsPerDay - days * secondsPerDay;

/** The last five digits of a display id of eight, which only that display id of a case's block contains. */
const digitsOf = (displayId: number) => String(displayId).slice(-5);

// The ids of the world exist only once it is set up, so the cases read them when they run.
const w = () => world;

// biome-ignore format: one line per key and operator reads as the table the reference gives
const standardCases: [string, string, CaseMaker][] = [
  ['status', 'equal_to', () => given(['Pending', 'snoozed'], [{ status: 'pending' }, { status: 'snoozed' }], [{ status: 'open' }, { status: 'resolved' }])],
  ['status', 'not_equal_to', () => given(['open', 'snoozed'], [{ status: 'resolved' }, { status: 'pending' }], [{ status: 'open' }, { status: 'snoozed' }])],
  ['priority', 'equal_to', () => given(['urgent', 'HIGH'], [{ priority: 'high' }, { priority: 'urgent' }], [{ priority: 'low' }, {}])],
  ['priority', 'not_equal_to', () => given(['high'], [{ priority: 'medium' }, {}], [{ priority: 'high' }])],
  ['browser_language', 'equal_to', () => given(['PT-br'], [described({ browser_language: 'pt-BR' })], [described({ browser_language: 'pt' }), {}])],
  ['browser_language', 'not_equal_to', () => given(['en'], [described({ browser_language: 'de' }), {}], [described({ browser_language: 'EN' })])],
  ['conversation_language', 'equal_to', () => given(['de', 'fr'], [described({ conversation_language: 'de' })], [described({ conversation_language: 'es' }), described({ browser_language: 'de' })])],
  ['conversation_language', 'not_equal_to', () => given(['de'], [described({ conversation_language: 'fr' }), {}], [described({ conversation_language: 'DE' })])],
  ['contact_id', 'equal_to', () => given([w().contacts[1]], [{ contact_id: w().contacts[1] }], [{ contact_id: w().contacts[0] }])],
  ['contact_id', 'not_equal_to', () => given([String(w().contacts[1])], [{ contact_id: w().contacts[0] }], [{ contact_id: w().contacts[1] }])],
  ['assignee_id', 'equal_to', () => given([w().users[0]], [{ assignee_id: w().users[0] }], [{ assignee_id: w().users[1] }, { assignee_agent_bot_id: w().botId }, {}])],
  ['assignee_id', 'not_equal_to', () => given([w().users[0]], [{ assignee_id: w().users[1] }, { assignee_agent_bot_id: w().botId }, {}], [{ assignee_id: w().users[0] }])],
  ['assignee_id', 'is_present', () => given(undefined, [{ assignee_id: w().users[0] }, { assignee_agent_bot_id: w().botId }], [{}])],
  ['assignee_id', 'is_not_present', () => given(undefined, [{}], [{ assignee_id: w().users[1] }, { assignee_agent_bot_id: w().botId }])],
  ['inbox_id', 'equal_to', () => given([w().inboxes[1]], [{ inbox_id: w().inboxes[1] }], [{ inbox_id: w().inboxes[0] }])],
  ['inbox_id', 'not_equal_to', () => given([w().inboxes[1]], [{ inbox_id: w().inboxes[0] }], [{ inbox_id: w().inboxes[1] }])],
  ['inbox_id', 'is_present', () => given(undefined, [{ inbox_id: w().inboxes[0] }, { inbox_id: w().inboxes[1] }], [])],
  ['inbox_id', 'is_not_present', () => given(undefined, [], [{ inbox_id: w().inboxes[0] }, { inbox_id: w().inboxes[1] }])],
  ['team_id', 'equal_to', () => given([w().teams[0], w().teams[1]], [{ team_id: w().teams[0] }, { team_id: w().teams[1] }], [{}])],
  ['team_id', 'not_equal_to', () => given([w().teams[0]], [{ team_id: w().teams[1] }, {}], [{ team_id: w().teams[0] }])],
  ['team_id', 'is_present', () => given(undefined, [{ team_id: w().teams[1] }], [{}])],
  ['team_id', 'is_not_present', () => given(undefined, [{}], [{ team_id: w().teams[0] }])],
  ['campaign_id', 'equal_to', () => given(['7'], [{ campaign_id: 7 }], [{ campaign_id: 8 }, {}])],
  ['campaign_id', 'not_equal_to', () => given([7], [{ campaign_id: 8 }, {}], [{ campaign_id: 7 }])],
  ['campaign_id', 'is_present', () => given(undefined, [{ campaign_id: 8 }], [{}])],
  ['campaign_id', 'is_not_present', () => given(undefined, [{}], [{ campaign_id: 8 }])],
  ['labels', 'equal_to', (t) => given([` VIP-${t} `, `gold-${t}`], [{ labels: [`vip-${t}`] }, { labels: [`bronze-${t}`, `gold-${t}`] }], [{ labels: [`bronze-${t}`] }, {}])],
  ['labels', 'not_equal_to', (t) => given([`VIP-${t}`], [{ labels: [`bronze-${t}`] }, {}], [{ labels: [`bronze-${t}`, `vip-${t}`] }])],
  ['labels', 'is_present', (t) => given(undefined, [{ labels: [`any-${t}`] }], [{}])],
  ['labels', 'is_not_present', (t) => given(undefined, [{}], [{ labels: [`any-${t}`] }])],
  ['display_id', 'equal_to', (_, n) => given([n + 1, String(n + 2)], [{ display_id: n + 1 }, { display_id: n + 2 }], [{ display_id: n + 3 }])],
  ['display_id', 'not_equal_to', (_, n) => given([n + 1], [{ display_id: n + 2 }], [{ display_id: n + 1 }])],
  ['display_id', 'contains', (_, n) => given([digitsOf(n + 123)], [{ display_id: n + 123 }], [{ display_id: n + 124 }])],
  ['display_id', 'does_not_contain', (_, n) => given([digitsOf(n + 123), digitsOf(n + 125)], [{ display_id: n + 124 }], [{ display_id: n + 123 }, { display_id: n + 125 }])],
  ['referer', 'equal_to', (t) => given([`HTTPS://shop.example/${t}`], [described({ referer: `https://shop.example/${t}` })], [described({ referer: `https://shop.example/${t}/x` }), {}])],
  ['referer', 'not_equal_to', (t) => given([`https://shop.example/${t}`], [described({ referer: `https://shop.example/${t}/x` }), {}], [described({ referer: `https://Shop.example/${t}` })])],
  ['referer', 'contains', (t) => given([`/PRICING-${t}`], [described({ referer: `https://shop.example/pricing-${t}?a=1` })], [described({ referer: `https://shop.example/home-${t}` }), {}])],
  ['referer', 'does_not_contain', (t) => given([`/pricing-${t}`], [described({ referer: `https://shop.example/home-${t}` }), {}], [described({ referer: `https://shop.example/Pricing-${t}` })])],
  ['mail_subject', 'equal_to', (t) => given([`refund ${t}`], [described({ mail_subject: `Refund ${t}` })], [described({ mail_subject: `Re: Refund ${t}` })])],
  ['mail_subject', 'not_equal_to', (t) => given([`refund ${t}`], [described({ mail_subject: `Re: Refund ${t}` }), {}], [described({ mail_subject: `REFUND ${t}` })])],
  ['mail_subject', 'contains', (t) => given([`FUND ${t}`], [described({ mail_subject: `Re: Refund ${t}` })], [described({ mail_subject: `Invoice ${t}` }), {}])],
  ['mail_subject', 'does_not_contain', (t) => given([`fund ${t}`], [described({ mail_subject: `Invoice ${t}` }), {}], [described({ mail_subject: `Refund ${t}` })])],
  ['created_at', 'is_greater_than', () => given(['2025-01-10'], [{ created_at: day('2025-01-11T00:00:00Z') }], [{ created_at: day('2025-01-10T23:59:59Z') }])],
  ['created_at', 'is_less_than', () => given(['2025-01-10'], [{ created_at: day('2025-01-09T23:59:59Z') }], [{ created_at: day('2025-01-10T00:00:00Z') }])],
  ['created_at', 'days_before', () => given([3], [{ created_at: daysAgoLimit(3) - 1 }], [{ created_at: daysAgoLimit(3) }])],
  ['last_activity_at', 'is_greater_than', () => given(['2025-01-10'], [{ last_activity_at: day('2025-01-11T00:00:00Z') }], [{ last_activity_at: day('2025-01-10T23:59:59Z') }])],
  ['last_activity_at', 'is_less_than', () => given(['2025-01-10'], [{ last_activity_at: day('2025-01-09T23:59:59Z') }], [{ last_activity_at: day('2025-01-10T00:00:00Z') }])],
  ['last_activity_at', 'days_before', () => given(['998'], [{ last_activity_at: daysAgoLimit(998) - 1 }], [{ last_activity_at: daysAgoLimit(998) }])],
];

let caseCount = 0;

async function expectCase({ values, matching, other }: OperatorCase, key: string, operator: string) {
  const matchingIds = [];
  for (const spec of matching) matchingIds.push(await createConversation(spec));
  const otherIds = [];
  for (const spec of other) otherIds.push(await createConversation(spec));
  const found = await selected([condition(key, operator, values)], [...matchingIds, ...otherIds]);
  expect({ matching: matchingIds.map((id) => found.has(id)), other: otherIds.map((id) => found.has(id)) }).toEqual({
    matching: matchingIds.map(() => true),
    other: otherIds.map(() => false),
  });
}

describe('standard keys', () => {
  test.each(standardCases)('%s %s selects the conversations that meet it and no other', async (key, operator, make) => {
    caseCount += 1;
    await expectCase(make(`${process.pid}x${caseCount}`, 10_000_000 + caseCount * 1000), key, operator);
  });

  test('every operator of every standard key is covered above, and no other operator is taken', async () => {
    const listed: Record<string, string[]> = {
      status: ['equal_to', 'not_equal_to'],
      priority: ['equal_to', 'not_equal_to'],
      browser_language: ['equal_to', 'not_equal_to'],
      conversation_language: ['equal_to', 'not_equal_to'],
      contact_id: ['equal_to', 'not_equal_to'],
      assignee_id: ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'],
      inbox_id: ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'],
      team_id: ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'],
      campaign_id: ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'],
      labels: ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'],
      display_id: ['equal_to', 'not_equal_to', 'contains', 'does_not_contain'],
      referer: ['equal_to', 'not_equal_to', 'contains', 'does_not_contain'],
      mail_subject: ['equal_to', 'not_equal_to', 'contains', 'does_not_contain'],
      created_at: ['is_greater_than', 'is_less_than', 'days_before'],
      last_activity_at: ['is_greater_than', 'is_less_than', 'days_before'],
    };
    const covered = new Set(standardCases.map(([key, operator]) => `${key} ${operator}`));
    const listedPairs = Object.entries(listed).flatMap(([key, operators]) => operators.map((op) => `${key} ${op}`));
    expect(listedPairs.filter((pair) => !covered.has(pair))).toEqual([]);
    for (const [key, operators] of Object.entries(listed)) {
      const problems = await problemsOf([condition(key, 'starts_with', ['x'])]);
      expect(problems).toEqual([
        {
          attribute: 'payload.0.filter_operator',
          message: `Invalid operator. The allowed operators for ${key} are [${operators.join(', ')}]`,
        },
      ]);
    }
  });

  test('the status all stands for every status', async () => {
    const ids = [
      await createConversation({ status: 'open' }),
      await createConversation({ status: 'resolved' }),
      await createConversation({ status: 'pending' }),
      await createConversation({ status: 'snoozed' }),
    ];
    expect(await matches([condition('status', 'equal_to', ['all'])], ids)).toEqual([true, true, true, true]);
    expect(await matches([condition('status', 'not_equal_to', ['ALL', 'open'])], ids)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  test('contains takes % and _ literally', async () => {
    const t = `${process.pid}y`;
    const ids = [
      await createConversation(described({ mail_subject: `100% off ${t}` })),
      await createConversation(described({ mail_subject: `1000 off ${t}` })),
      await createConversation(described({ mail_subject: `a_b ${t}` })),
      await createConversation(described({ mail_subject: `axb ${t}` })),
    ];
    expect(await matches([condition('mail_subject', 'contains', [`0% off ${t}`, `a_b ${t}`])], ids)).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  test('additional attributes stored as numbers or objects compare as their text and never fail', async () => {
    const ids = [
      await createConversation(described({ referer: 42, mail_subject: 1024 })),
      await createConversation(described({ referer: { url: 42 }, mail_subject: ['a'] })),
      await createConversation(described({ referer: null, mail_subject: '' })),
    ];
    expect(await matches([condition('referer', 'equal_to', ['42'])], ids)).toEqual([true, false, false]);
    expect(await matches([condition('mail_subject', 'contains', ['02'])], ids)).toEqual([true, false, false]);
    expect(await matches([condition('referer', 'not_equal_to', ['42'])], ids)).toEqual([false, true, true]);
  });

  test("another account's conversations are not selected, whatever the filter says", async () => {
    const theirInbox = await insertInbox(world.otherAccountId, 'Theirs');
    const theirContact = await insertContact(world.otherAccountId, 'Cy');
    const theirs = await createConversation({
      account_id: world.otherAccountId,
      inbox_id: theirInbox,
      contact_id: theirContact,
      labels: ['shared-label'],
    });
    const ours = await createConversation({ labels: ['shared-label'] });
    const found = await selected([condition('labels', 'equal_to', ['shared-label'])], [theirs, ours]);
    expect([...found]).toEqual([ours]);
  });
});

describe('how labels are read', () => {
  /** The SQL the filter adds to a query for `reading`. */
  async function sqlOf(conditions: FilterCondition[], reading: SelectionReading) {
    const filter = await conversationFilterCondition(db(), world.accountId, conditions, now());
    return db()('conversations')
      .where((narrowed) => filter(narrowed, reading))
      .toSQL()
      .sql.replace(/\s+/g, ' ');
  }
  const labelled = condition('labels', 'equal_to', ['vip']);
  const open = joined('and', condition('status', 'equal_to', ['open']));

  test('a count over every status reads the labelled conversations first; a page checks those it reads', async () => {
    expect(await sqlOf([labelled], 'count')).toMatch(
      /conversations\.id in \(select conversation_labels\.conversation_id/,
    );
    expect(await sqlOf([labelled], 'page')).toMatch(/exists \(select 1 from conversation_labels/);
  });

  test("a count of one status checks the labels of that status's conversations, as a page does", async () => {
    expect(await sqlOf([open, labelled], 'count')).toMatch(/exists \(select 1 from conversation_labels/);
    expect(await sqlOf([open, labelled], 'count')).not.toMatch(/conversations\.id in/);
  });

  test('a filter whose one condition is labels equal_to one label, however written, selects by that label', () => {
    expect(soleLabelOf([labelled])).toBe('vip');
    expect(soleLabelOf([condition('labels', 'equal_to', [' VIP', 'vip ', ''])])).toBe('vip');
    expect(soleLabelOf([condition('labels', 'equal_to', ['vip', 'gold'])])).toBeUndefined();
    expect(soleLabelOf([condition('labels', 'not_equal_to', ['vip'])])).toBeUndefined();
    expect(soleLabelOf([condition('labels', 'is_present')])).toBeUndefined();
    expect(soleLabelOf([condition('priority', 'equal_to', ['vip'])])).toBeUndefined();
    expect(soleLabelOf([open, labelled])).toBeUndefined();
  });
});

describe('days_before', () => {
  test('counts back from the start of today by the clock, so a conversation enters it as the days pass', async () => {
    const conversation = await createConversation({ last_activity_at: daysAgoLimit(2) });
    const twoDaysBefore = [condition('last_activity_at', 'days_before', [2])];
    expect(await matches(twoDaysBefore, [conversation])).toEqual([false]);
    clock.advance(secondsPerDay);
    expect(await matches(twoDaysBefore, [conversation])).toEqual([true]);
  });
});

describe('joining conditions', () => {
  test('a OR b AND c is (a OR b) AND c, strictly left to right, and AND and OR take any case', async () => {
    const ids = [
      // Meets a, not c.
      await createConversation({ status: 'pending', priority: 'low' }),
      // Meets a and c.
      await createConversation({ status: 'pending', priority: 'high' }),
      // Meets b and c.
      await createConversation({ status: 'open', team_id: world.teams[1], priority: 'high' }),
      // Meets c only.
      await createConversation({ status: 'open', priority: 'high' }),
    ];
    const conditions = [
      joined('or', condition('status', 'equal_to', ['pending'])),
      joined('And', condition('team_id', 'equal_to', [world.teams[1]])),
      joined('', condition('priority', 'equal_to', ['high'])),
    ];
    // SQL's own precedence, a OR (b AND c), would also select the first conversation.
    expect(await matches(conditions, ids)).toEqual([false, true, true, false]);
  });
});

describe('custom attributes', () => {
  const keys: Record<DisplayType, string> = {
    text: `text_${process.pid}`,
    number: `number_${process.pid}`,
    currency: `currency_${process.pid}`,
    percent: `percent_${process.pid}`,
    link: `link_${process.pid}`,
    date: `date_${process.pid}`,
    list: `list_${process.pid}`,
    checkbox: `checkbox_${process.pid}`,
  };

  beforeAll(async () => {
    for (const [type, key] of Object.entries(keys)) await define(key, type as DisplayType);
  });

  const custom = (type: DisplayType, value: unknown): ConversationSpec => ({ custom: { [keys[type]]: value } });

  const customCases: [DisplayType, string, unknown[] | undefined, unknown, unknown][] = [
    ['text', 'equal_to', ['GOLD plan'], 'Gold Plan', 'Gold'],
    ['text', 'not_equal_to', ['gold plan'], 'Silver', 'GOLD PLAN'],
    ['text', 'contains', ['OLD'], 'Gold', 'Silver'],
    ['text', 'does_not_contain', ['old'], 'Silver', 'Gold'],
    ['text', 'is_present', undefined, 'Gold', ''],
    ['text', 'is_not_present', undefined, '', 'Gold'],
    ['link', 'contains', ['/ORDERS/'], 'https://shop.example/orders/12', 'https://shop.example/'],
    ['list', 'equal_to', ['silver'], 'Silver', 'Gold'],
    ['number', 'equal_to', [10, '12'], 12, 11],
    ['number', 'is_greater_than', ['9'], 10, 9],
    ['number', 'is_less_than', [10], 9.5, 10],
    ['number', 'is_present', undefined, 0, 'abc'],
    ['currency', 'is_greater_than', [99.5], '100.25', 99.5],
    ['percent', 'not_equal_to', [50], 5, 50],
    ['date', 'equal_to', ['2025-03-05'], '2025-03-05T10:00:00Z', '2025-03-06'],
    ['date', 'is_less_than', ['2025-03-05'], '2025-03-04', '2025-03-05'],
    ['date', 'is_not_present', undefined, 'soon', '2025-03-05'],
    ['checkbox', 'equal_to', [true], true, false],
    ['checkbox', 'not_equal_to', ['TRUE'], 'false', true],
  ];

  test.each(customCases)('a %s attribute %s %j selects %j and not %j', async (type, operator, values, yes, no) => {
    const ids = [await createConversation(custom(type, yes)), await createConversation(custom(type, no))];
    expect(await matches([condition(keys[type], operator, values)], ids)).toEqual([true, false]);
  });

  test('a date attribute takes days_before, counted from today by the clock', async () => {
    const recent = new Date(daysAgoLimit(1) * 1000).toISOString().slice(0, 10);
    const older = new Date(daysAgoLimit(4) * 1000).toISOString().slice(0, 10);
    const ids = [await createConversation(custom('date', older)), await createConversation(custom('date', recent))];
    expect(await matches([condition(keys.date, 'days_before', [3])], ids)).toEqual([true, false]);
  });

  test('custom_attribute_type conversation_attribute names the conversation attribute explicitly', async () => {
    const ids = [await createConversation(custom('list', 'Gold'))];
    const explicit = { ...condition(keys.list, 'equal_to', ['gold']), custom_attribute_type: 'conversation_attribute' };
    expect(await matches([explicit as FilterCondition], ids)).toEqual([true]);
  });

  test('a custom attribute joins the standard keys', async () => {
    const ids = [
      await createConversation({ status: 'pending', custom: { [keys.number]: 3 } }),
      await createConversation({ status: 'open', custom: { [keys.number]: 3 } }),
    ];
    const conditions = [
      joined('AND', condition('status', 'equal_to', ['pending'])),
      condition(keys.number, 'equal_to', [3]),
    ];
    expect(await matches(conditions, ids)).toEqual([true, false]);
  });

  test("a contact attribute, or another account's conversation attribute, is no key here", async () => {
    const contactKey = `contact_only_${process.pid}`;
    const foreignKey = `foreign_${process.pid}`;
    await define(contactKey, 'text', 'contact_attribute');
    await define(foreignKey, 'text', 'conversation_attribute', world.otherAccountId);
    for (const key of [contactKey, foreignKey]) {
      const [problem] = await problemsOf([condition(key, 'equal_to', ['x'])]);
      expect(problem?.attribute).toBe('payload.0.attribute_key');
      expect(problem?.message).toContain(`Invalid attribute key - [${key}]`);
    }
  });

  test('custom_attribute_type naming another model is refused, naming it', async () => {
    const problems = await problemsOf([
      { ...condition(keys.text, 'equal_to', ['x']), custom_attribute_type: 'contact_attribute' },
    ]);
    expect(problems).toEqual([
      {
        attribute: 'payload.0.custom_attribute_type',
        message:
          'Invalid custom attribute type - [contact_attribute]. The type should be one of [conversation_attribute]',
      },
    ]);
  });
});

describe('malformed conditions', () => {
  test('an unknown key is refused, listing the standard keys, which are the keys no conversation attribute may take', async () => {
    const problems = await problemsOf([condition('country_code', 'equal_to', ['pt'])]);
    const standardKeys = [...standardAttributeKeys.conversation_attribute].join(', ');
    expect(problems).toEqual([
      {
        attribute: 'payload.0.attribute_key',
        message: `Invalid attribute key - [country_code]. The key should be one of [${standardKeys}] or a custom attribute defined in the account.`,
      },
    ]);
  });

  test.each([
    ['status', 'equal_to', ['closed'], 'takes any of open, resolved, pending, snoozed, all'],
    ['priority', 'equal_to', ['none'], 'takes any of low, medium, high, urgent'],
    ['assignee_id', 'equal_to', ['me'], 'takes ids, whole numbers from 1 to 2147483647'],
    ['inbox_id', 'not_equal_to', [2.5], 'takes ids'],
    ['team_id', 'equal_to', [3e9], 'takes ids'],
    ['contact_id', 'equal_to', [0], 'takes ids'],
    ['display_id', 'equal_to', ['#12'], 'takes ids'],
    ['labels', 'equal_to', ['  '], 'takes names that are not blank'],
    ['created_at', 'is_greater_than', ['yesterday'], 'takes a date as YYYY-MM-DD'],
    ['created_at', 'days_before', [0], 'takes a whole number of days from 1 to 998'],
    ['last_activity_at', 'days_before', ['999'], 'takes a whole number of days from 1 to 998'],
    ['last_activity_at', 'days_before', [1.5], 'takes a whole number of days from 1 to 998'],
  ])('%s %s %j is refused, naming the values', async (key, operator, values, expected) => {
    const problems = await problemsOf([condition(key, operator, values)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.attribute).toBe('payload.0.values');
    expect(problems[0]?.message).toContain(`for ${key}: ${operator} ${expected}`);
  });

  test.each([
    ['status', 'equal_to', []],
    ['referer', 'contains', undefined],
    ['created_at', 'days_before', []],
  ])('%s %s without values is refused as the reference words it', async (key, operator, values) => {
    expect(await problemsOf([condition(key, operator, values)])).toEqual([
      { attribute: 'payload.0.values', message: `Invalid value. The values provided for ${key} are invalid` },
    ]);
  });

  test('a query operator is AND or OR between conditions, and none on the last one', async () => {
    const message = 'Query operator must be either "AND" or "OR".';
    const status = condition('status', 'equal_to', ['open']);
    expect(await problemsOf([joined('XOR', status), status])).toEqual([
      { attribute: 'payload.0.query_operator', message },
    ]);
    expect(await problemsOf([status, status])).toEqual([{ attribute: 'payload.0.query_operator', message }]);
    expect(await problemsOf([joined('AND', status), joined('and', status)])).toEqual([
      { attribute: 'payload.1.query_operator', message },
    ]);
  });

  test('every malformed condition is named in one refusal', async () => {
    const problems = await problemsOf([
      joined('AND', condition('nickname', 'equal_to', ['x'])),
      joined('maybe', condition('status', 'is_present')),
      joined('OR', condition('priority', 'equal_to', [])),
      condition('inbox_id', 'equal_to', ['first']),
    ]);
    expect(problems.map((problem) => problem.attribute)).toEqual([
      'payload.0.attribute_key',
      'payload.1.filter_operator',
      'payload.1.query_operator',
      'payload.2.values',
      'payload.3.values',
    ]);
  });
});
