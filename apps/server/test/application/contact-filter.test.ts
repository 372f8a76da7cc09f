import {
  type AccountFixture,
  createAccountFixture,
  manualClock,
  startTestServer,
  type TestServer,
  type TestUser,
} from '../../src/testing';

const clock = manualClock();
let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer({ clock });
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

type Condition = {
  attribute_key: string;
  filter_operator: string;
  values?: unknown[];
  query_operator?: string | null;
  custom_attribute_type?: string;
};

interface ContactSpec {
  body?: Record<string, unknown>;
  labels?: string[];
  /**
   * Times written straight to the row: no operation sets `last_activity_at`, and `created_at` comes from the clock,
   * while these tests need contacts on both sides of a day's boundary.
   */
  times?: { created_at?: number; last_activity_at?: number | null };
}

const contactsPath = (accountId: number) => `/api/v1/accounts/${accountId}/contacts`;
const day = (iso: string) => Date.parse(iso) / 1000;
const secondsPerDay = 86_400;

let uniqueCount = 0;
const unique = () => `${process.pid}x${++uniqueCount}`;
const uniquePhone = () => `+3519${String(++uniqueCount).padStart(8, '0')}`;

async function createContact(spec: ContactSpec, user: TestUser = fixture.admin, accountId = fixture.accountId) {
  const response = await server.request('POST', contactsPath(accountId), { token: user.token, body: spec.body ?? {} });
  if (response.status !== 200) throw new Error(`create answered ${response.status}: ${JSON.stringify(response.body)}`);
  const id: number = response.body.payload.contact.id;
  if (spec.labels) {
    const labelled = await server.request('POST', `${contactsPath(accountId)}/${id}/labels`, {
      token: user.token,
      body: { labels: spec.labels },
    });
    if (labelled.status !== 200) throw new Error(`labels answered ${labelled.status}`);
  }
  if (spec.times) await server.db('contacts').where({ id }).update(spec.times);
  return id;
}

function filter(
  payload: Condition[],
  {
    query = '',
    user = fixture.admin,
    accountId = fixture.accountId,
  }: { query?: string; user?: TestUser; accountId?: number } = {},
) {
  return server.request('POST', `${contactsPath(accountId)}/filter${query}`, { token: user.token, body: { payload } });
}

/** The ids of every contact the filter matches, over all pages. */
async function matchingIds(payload: Condition[]): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const response = await filter(payload, { query: `?page=${page}&include_contact_inboxes=false` });
    if (response.status !== 200) {
      throw new Error(`filter answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    ids.push(...response.body.payload.map((contact: { id: number }) => contact.id));
    if (response.body.payload.length === 0 || ids.length >= response.body.meta.count) return ids;
  }
}

/** Whether the filter matches each contact, in order. */
async function matches(payload: Condition[], ids: number[]): Promise<boolean[]> {
  const matched = new Set(await matchingIds(payload));
  return ids.map((id) => matched.has(id));
}

const condition = (attribute_key: string, filter_operator: string, values?: unknown[]): Condition => ({
  attribute_key,
  filter_operator,
  ...(values !== undefined && { values }),
});

interface OperatorCase {
  values?: unknown[];
  matching: ContactSpec;
  other: ContactSpec;
}

/** Each case makes fresh values, so that unique fields never clash and no case sees another's contacts. */
type CaseMaker = (token: string) => OperatorCase;

const now = () => clock.nowSeconds();
const todayStart = () => Math.floor(now() / secondsPerDay) * secondsPerDay;
const daysAgoLimit = (days: number) => todayStart() - days * secondsPerDay;

const given = (values: unknown[] | undefined, matching: ContactSpec, other: ContactSpec): OperatorCase => ({
  values,
  matching,
  other,
});
const named = (name: string): ContactSpec => ({ body: { name } });
const mailed = (email: string): ContactSpec => ({ body: { email } });
const phoned = (phone_number: string): ContactSpec => ({ body: { phone_number } });
const identified = (identifier: string): ContactSpec => ({ body: { identifier } });
const described = (additional_attributes: Record<string, string>): ContactSpec => ({ body: { additional_attributes } });
const labelled = (...labels: string[]): ContactSpec => ({ labels });
const created = (created_at: number): ContactSpec => ({ times: { created_at } });
const active = (last_activity_at: number | null): ContactSpec => ({ times: { last_activity_at } });
const blocking = (blocked: boolean): ContactSpec => ({ body: { blocked } });
const phoneCase =
  (make: (phone: string, otherPhone: string) => OperatorCase): CaseMaker =>
  () =>
    make(uniquePhone(), uniquePhone());

// biome-ignore format: one line per key and operator reads as the table the spec gives
const standardCases: [string, string, CaseMaker][] = [
  ['name', 'equal_to', (t) => given([`ANA ${t}`], named(`Ana ${t}`), named(`Ana ${t}b`))],
  ['name', 'not_equal_to', (t) => given([`ana ${t}`], named(`Bo ${t}`), named(`Ana ${t}`))],
  ['name', 'contains', (t) => given([`LIM${t}`], named(`Ana Lim${t}a`), named(`Ana Li${t}`))],
  ['name', 'does_not_contain', (t) => given([`lim${t}`], named(`Bo ${t}`), named(`Ana LIM${t}`))],
  ['email', 'equal_to', (t) => given([`Ana.${t}@Example.com`], mailed(`ana.${t}@example.com`), mailed(`ana.${t}@example.org`))],
  ['email', 'not_equal_to', (t) => given([`ANA.${t}@example.com`], mailed(`bo.${t}@example.com`), mailed(`ana.${t}@example.com`))],
  ['email', 'contains', (t) => given([`${t}@SHOP`], mailed(`ana.${t}@shop.example`), mailed(`ana.${t}@example.com`))],
  ['email', 'does_not_contain', (t) => given([`${t}@shop`], mailed(`ana.${t}@example.com`), mailed(`ana.${t}@shop.example`))],
  ['phone_number', 'equal_to', phoneCase((phone, other) => given([phone], phoned(phone), phoned(other)))],
  ['phone_number', 'not_equal_to', phoneCase((phone, other) => given([phone], phoned(other), phoned(phone)))],
  ['phone_number', 'contains', phoneCase((phone, other) => given([phone.slice(4)], phoned(phone), phoned(other)))],
  ['phone_number', 'does_not_contain', phoneCase((phone, other) => given([phone.slice(4)], phoned(other), phoned(phone)))],
  ['phone_number', 'starts_with', phoneCase((phone, other) => given(['+44'], phoned(`+44${phone.slice(5)}`), phoned(other)))],
  ['identifier', 'equal_to', (t) => given([`crm-${t}`], identified(`CRM-${t}`), identified(`crm-${t}0`))],
  ['identifier', 'not_equal_to', (t) => given([`CRM-${t}`], identified(`crm-${t}0`), identified(`crm-${t}`))],
  ['country_code', 'equal_to', (t) => given([`p${t}`], described({ country_code: `P${t}` }), described({ country_code: `E${t}` }))],
  ['country_code', 'not_equal_to', (t) => given([`p${t}`], described({ country_code: `E${t}` }), described({ country_code: `P${t}` }))],
  ['city', 'equal_to', (t) => given([`lisbon ${t}`], described({ city: `Lisbon ${t}` }), described({ city: `Porto ${t}` }))],
  ['city', 'not_equal_to', (t) => given([`LISBON ${t}`], described({ city: `Porto ${t}` }), described({ city: `lisbon ${t}` }))],
  ['city', 'contains', (t) => given([`bon ${t}`], described({ city: `Lisbon ${t}` }), described({ city: `Porto ${t}` }))],
  ['city', 'does_not_contain', (t) => given([`BON ${t}`], described({ city: `Porto ${t}` }), described({ city: `Lisbon ${t}` }))],
  ['company', 'equal_to', (t) => given([`acme ${t}`], described({ company_name: `ACME ${t}` }), described({ company_name: `Ini ${t}` }))],
  ['company', 'not_equal_to', (t) => given([`acme ${t}`], described({ company_name: `Ini ${t}` }), described({ company_name: `Acme ${t}` }))],
  ['company', 'contains', (t) => given([`me ${t}`], described({ company_name: `Acme ${t}` }), described({ company_name: `Ini ${t}` }))],
  ['company', 'does_not_contain', (t) => given([`ME ${t}`], described({ company_name: `Ini ${t}` }), described({ company_name: `Acme ${t}` }))],
  ['labels', 'equal_to', (t) => given([`VIP-${t}`, `gold-${t}`], labelled(`vip-${t}`), labelled(`bronze-${t}`))],
  ['labels', 'not_equal_to', (t) => given([`vip-${t}`], labelled(`bronze-${t}`), labelled(`VIP-${t}`, `bronze-${t}`))],
  ['labels', 'is_present', (t) => given(undefined, labelled(`any-${t}`), {})],
  ['labels', 'is_not_present', (t) => given(undefined, {}, labelled(`any-${t}`))],
  ['created_at', 'is_greater_than', () => given(['2025-01-10'], created(day('2025-01-11T00:00:00Z')), created(day('2025-01-10T23:59:59Z')))],
  ['created_at', 'is_less_than', () => given(['2025-01-10'], created(day('2025-01-09T23:59:59Z')), created(day('2025-01-10T00:00:00Z')))],
  ['created_at', 'days_before', () => given([3], created(daysAgoLimit(3) - 1), created(daysAgoLimit(3)))],
  ['last_activity_at', 'is_greater_than', () => given(['2025-01-10'], active(day('2025-01-11T00:00:00Z')), active(day('2025-01-10T23:59:59Z')))],
  ['last_activity_at', 'is_less_than', () => given(['2025-01-10'], active(day('2025-01-09T23:59:59Z')), active(null))],
  ['last_activity_at', 'days_before', () => given(['3'], active(daysAgoLimit(3) - 1), active(daysAgoLimit(3)))],
  ['blocked', 'equal_to', () => given([true], blocking(true), blocking(false))],
  ['blocked', 'not_equal_to', () => given(['TRUE'], blocking(false), blocking(true))],
];

describe('standard keys', () => {
  test.each(standardCases)('%s %s matches the contact that meets it and not the other', async (key, operator, make) => {
    const { values, matching, other } = make(unique());
    const ids = [await createContact(matching), await createContact(other)];
    expect(await matches([condition(key, operator, values)], ids)).toEqual([true, false]);
  });

  test('every operator the spec lists for a standard key is covered above', () => {
    const covered = new Set(standardCases.map(([key, operator]) => `${key} ${operator}`));
    const listed: Record<string, string[]> = {
      name: ['equal_to', 'not_equal_to', 'contains', 'does_not_contain'],
      email: ['equal_to', 'not_equal_to', 'contains', 'does_not_contain'],
      phone_number: ['equal_to', 'not_equal_to', 'contains', 'does_not_contain', 'starts_with'],
      identifier: ['equal_to', 'not_equal_to'],
      country_code: ['equal_to', 'not_equal_to'],
      city: ['equal_to', 'not_equal_to', 'contains', 'does_not_contain'],
      company: ['equal_to', 'not_equal_to', 'contains', 'does_not_contain'],
      labels: ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'],
      created_at: ['is_greater_than', 'is_less_than', 'days_before'],
      last_activity_at: ['is_greater_than', 'is_less_than', 'days_before'],
      blocked: ['equal_to', 'not_equal_to'],
    };
    const missing = Object.entries(listed).flatMap(([key, operators]) =>
      operators.map((operator) => `${key} ${operator}`).filter((pair) => !covered.has(pair)),
    );
    expect(missing).toEqual([]);
  });

  test('equal_to matches any of several values', async () => {
    const t = unique();
    const ids = [
      await createContact({ body: { name: `One ${t}` } }),
      await createContact({ body: { name: `Two ${t}` } }),
      await createContact({ body: { name: `Three ${t}` } }),
    ];
    expect(await matches([condition('name', 'equal_to', [`one ${t}`, `TWO ${t}`])], ids)).toEqual([true, true, false]);
  });

  test('the negative operators also match contacts without the attribute', async () => {
    const t = unique();
    const bare = await createContact({ body: { name: `Bare ${t}` } });
    const results = await Promise.all(
      [
        condition('email', 'not_equal_to', [`x${t}@example.com`]),
        condition('email', 'does_not_contain', [t]),
        condition('phone_number', 'does_not_contain', ['+351']),
        condition('identifier', 'not_equal_to', [`crm-${t}`]),
        condition('city', 'does_not_contain', ['lisbon']),
        condition('company', 'not_equal_to', ['acme']),
        condition('labels', 'not_equal_to', ['vip']),
      ].map(async (negative) => [negative.attribute_key, (await matches([negative], [bare]))[0]]),
    );
    expect(results.filter(([, matched]) => !matched)).toEqual([]);
  });

  test('contains takes % and _ literally', async () => {
    const t = unique();
    const ids = [
      await createContact({ body: { name: `Ana 100% ${t}` } }),
      await createContact({ body: { name: `Ana 1000 ${t}` } }),
      await createContact({ body: { name: `a_b ${t}` } }),
      await createContact({ body: { name: `axb ${t}` } }),
    ];
    expect(await matches([condition('name', 'contains', [`0% ${t}`, `a_b ${t}`])], ids)).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  test('contains finds texts of one or two characters too', async () => {
    const t = unique();
    const ids = [
      await createContact({ body: { name: `Ana Q ${t}`, email: `q.${t}@example.com` } }),
      await createContact({ body: { name: `Ana ${t}`, email: `a.${t}@example.com` } }),
    ];
    const payload: Condition[] = [
      { ...condition('name', 'contains', ['q']), query_operator: 'AND' },
      condition('email', 'contains', [`Q.${t}`]),
    ];
    expect(await matches(payload, ids)).toEqual([true, false]);
  });

  test('last_activity_at is_greater_than leaves out contacts never active', async () => {
    const never = await createContact({ times: { last_activity_at: null } });
    expect(await matches([condition('last_activity_at', 'is_greater_than', ['1970-01-02'])], [never])).toEqual([false]);
  });

  test('anonymous contacts, with no email, phone number or identifier, are filtered too', async () => {
    const t = unique();
    const anonymous = await createContact({ body: { name: `Visitor ${t}` } });
    expect(await matches([condition('name', 'equal_to', [`visitor ${t}`])], [anonymous])).toEqual([true]);
  });
});

describe('days_before', () => {
  test('counts back from the start of today by the clock, so a contact enters it as the days pass', async () => {
    const createdAt = daysAgoLimit(2);
    const contact = await createContact({ times: { created_at: createdAt } });
    const twoDaysBefore = [condition('created_at', 'days_before', [2])];
    expect(await matches(twoDaysBefore, [contact])).toEqual([false]);
    clock.advance(secondsPerDay);
    expect(await matches(twoDaysBefore, [contact])).toEqual([true]);
  });
});

describe('custom attributes', () => {
  const keys = {
    text: `text_${process.pid}`,
    number: `number_${process.pid}`,
    currency: `currency_${process.pid}`,
    percent: `percent_${process.pid}`,
    link: `link_${process.pid}`,
    date: `date_${process.pid}`,
    list: `list_${process.pid}`,
    checkbox: `checkbox_${process.pid}`,
  };

  async function define(
    key: string,
    type: string,
    { model = 'contact_attribute', accountId = fixture.accountId, user = fixture.admin } = {},
  ) {
    const response = await server.request('POST', `/api/v1/accounts/${accountId}/custom_attribute_definitions`, {
      token: user.token,
      body: {
        attribute_display_name: key,
        attribute_key: key,
        attribute_model: model,
        attribute_display_type: type,
        attribute_values: ['Gold', 'Silver'],
      },
    });
    if (response.status !== 200)
      throw new Error(`define answered ${response.status}: ${JSON.stringify(response.body)}`);
  }

  beforeAll(async () => {
    for (const [type, key] of Object.entries(keys)) await define(key, type);
  });

  const custom = (type: keyof typeof keys, value: unknown): ContactSpec => ({
    body: { custom_attributes: { [keys[type]]: value } },
  });

  const customCases: [keyof typeof keys, string, unknown[] | undefined, unknown, unknown][] = [
    ['text', 'equal_to', ['GOLD plan'], 'Gold Plan', 'Gold'],
    ['text', 'not_equal_to', ['gold plan'], 'Silver', 'GOLD PLAN'],
    ['text', 'contains', ['OLD'], 'Gold', 'Silver'],
    ['text', 'does_not_contain', ['old'], 'Silver', 'Gold'],
    ['text', 'is_present', undefined, 'Gold', ''],
    ['text', 'is_not_present', undefined, '', 'Gold'],
    ['number', 'equal_to', [10, '12'], 12, 11],
    ['number', 'not_equal_to', [10], 11, 10],
    ['number', 'is_greater_than', ['9'], 10, 9],
    ['number', 'is_less_than', [10], 9.5, 10],
    ['number', 'is_present', undefined, 0, 'abc'],
    ['number', 'is_not_present', undefined, 'abc', 0],
    ['currency', 'is_greater_than', [99.5], '100.25', 99.5],
    ['currency', 'equal_to', [100], '100.00', 100.01],
    ['percent', 'is_less_than', [50], 5, 50],
    ['percent', 'not_equal_to', [50], 'fifty', 50],
    ['link', 'contains', ['EXAMPLE.com/pricing'], 'https://example.com/pricing?x=1', 'https://example.com/'],
    ['link', 'equal_to', ['https://example.com/A'], 'https://EXAMPLE.com/a', 'https://example.com/b'],
    ['date', 'equal_to', ['2025-03-05'], '2025-03-05T22:30:00.000Z', '2025-03-06'],
    ['date', 'not_equal_to', ['2025-03-05'], '2025-03-06', '2025-03-05'],
    ['date', 'is_greater_than', ['2025-03-05'], '2025-03-06', '2025-03-05T23:59:59Z'],
    ['date', 'is_less_than', ['2025-03-05'], '2025-03-04T23:59:59Z', '2025-03-05'],
    ['date', 'is_present', undefined, '2025-03-05', 'soon'],
    ['date', 'is_not_present', undefined, 20250305, '2025-03-05'],
    ['list', 'equal_to', ['gold'], 'Gold', 'Silver'],
    ['list', 'not_equal_to', ['GOLD'], 'Silver', 'Gold'],
    ['checkbox', 'equal_to', [true], true, false],
    ['checkbox', 'equal_to', ['false'], false, true],
    ['checkbox', 'not_equal_to', [true], false, true],
    ['checkbox', 'equal_to', [true], 'TRUE', 1],
  ];

  test.each(customCases)(
    'a %s attribute with %s %j matches %j and not %j',
    async (type, operator, values, matchingValue, otherValue) => {
      const ids = [await createContact(custom(type, matchingValue)), await createContact(custom(type, otherValue))];
      expect(await matches([condition(keys[type], operator, values)], ids)).toEqual([true, false]);
    },
  );

  test('numbers compare as numbers, not as text', async () => {
    const ids = [await createContact(custom('number', 10)), await createContact(custom('number', 9))];
    expect(await matches([condition(keys.number, 'is_greater_than', [9.5])], ids)).toEqual([true, false]);
  });

  test('a date attribute takes days_before, counted from today by the clock', async () => {
    const limit = new Date(daysAgoLimit(3) * 1000).toISOString().slice(0, 10);
    const earlier = new Date(daysAgoLimit(4) * 1000).toISOString().slice(0, 10);
    const ids = [await createContact(custom('date', earlier)), await createContact(custom('date', limit))];
    expect(await matches([condition(keys.date, 'days_before', [3])], ids)).toEqual([true, false]);
  });

  test('a contact without the attribute matches only the negative operators', async () => {
    const bare = await createContact({ body: { name: 'No custom attributes' } });
    const [notEqual, equal] = await Promise.all([
      matches([condition(keys.number, 'not_equal_to', [1])], [bare]),
      matches([condition(keys.number, 'equal_to', [1])], [bare]),
    ]);
    expect([notEqual[0], equal[0]]).toEqual([true, false]);
  });

  test('a stored value of the wrong type never makes a filter fail', async () => {
    const oddValues = [
      'abc',
      '',
      ' 12 ',
      '1e999',
      '1e-99999',
      '9'.repeat(2000),
      true,
      false,
      1,
      1.5,
      { a: 1 },
      [1],
      null,
    ];
    for (const value of oddValues) {
      for (const type of Object.keys(keys)) await createContact(custom(type as keyof typeof keys, value));
    }
    const operatorValues: Record<string, unknown[] | undefined> = {
      equal_to: ['1'],
      not_equal_to: ['1'],
      contains: ['a'],
      does_not_contain: ['a'],
      is_present: undefined,
      is_not_present: undefined,
      is_greater_than: ['1'],
      is_less_than: ['1'],
      days_before: [1],
    };
    const dateValues: Record<string, unknown[]> = {
      equal_to: ['2025-01-01'],
      not_equal_to: ['2025-01-01'],
      is_greater_than: ['2025-01-01'],
      is_less_than: ['2025-01-01'],
    };
    const checkboxValues = [true];
    const statuses: string[] = [];
    for (const [type, key] of Object.entries(keys)) {
      for (const [operator, values] of Object.entries(operatorValues)) {
        const given =
          type === 'date' ? (dateValues[operator] ?? values) : type === 'checkbox' ? checkboxValues : values;
        const response = await filter([condition(key, operator, given)]);
        if (response.status !== 200 && response.status !== 422) statuses.push(`${type} ${operator} ${response.status}`);
        if (response.status === 422) expect(response.body.message).toContain('Invalid operator');
      }
    }
    expect(statuses).toEqual([]);
  });

  test('a text attribute holding a number or a boolean compares it as text', async () => {
    const ids = [await createContact(custom('text', 42)), await createContact(custom('text', 43))];
    expect(await matches([condition(keys.text, 'equal_to', ['42'])], ids)).toEqual([true, false]);
  });

  test('custom_attribute_type contact_attribute names the contact attribute explicitly', async () => {
    const ids = [await createContact(custom('list', 'Silver'))];
    const explicit = { ...condition(keys.list, 'equal_to', ['silver']), custom_attribute_type: 'contact_attribute' };
    expect(await matches([explicit], ids)).toEqual([true]);
  });

  test('a key with dots and dashes reads that key, not a path', async () => {
    const key = `crm.tier-${process.pid}`;
    await define(key, 'number');
    const ids = [
      await createContact({ body: { custom_attributes: { [key]: 3 } } }),
      await createContact({ body: { custom_attributes: { crm: { [`tier-${process.pid}`]: 3 } } } }),
    ];
    expect(await matches([condition(key, 'equal_to', [3])], ids)).toEqual([true, false]);
  });

  test('a conversation attribute is no contact filter key', async () => {
    const key = `conversation_only_${process.pid}`;
    await define(key, 'text', { model: 'conversation_attribute' });
    const response = await filter([condition(key, 'equal_to', ['x'])]);
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['payload.0.attribute_key']);
    expect(response.body.message).toContain(`Invalid attribute key - [${key}]`);
  });

  test('custom_attribute_type naming another model is refused, naming it', async () => {
    const response = await filter([
      { ...condition(keys.text, 'equal_to', ['x']), custom_attribute_type: 'conversation_attribute' },
    ]);
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['payload.0.custom_attribute_type']);
    expect(response.body.message).toContain('Invalid custom attribute type - [conversation_attribute]');
  });

  test("another account's contact attribute is no key here", async () => {
    const key = `elsewhere_${process.pid}`;
    await define(key, 'text', { accountId: fixture.otherAccountId, user: fixture.outsider });
    const response = await filter([condition(key, 'equal_to', ['x'])]);
    expect(response.status).toBe(422);
    expect(response.body.message).toContain(`Invalid attribute key - [${key}]`);
  });

  test('a list attribute does not take contains', async () => {
    const response = await filter([condition(keys.list, 'contains', ['gol'])]);
    expect(response.status).toBe(422);
    expect(response.body.message).toContain(
      `Invalid operator. The allowed operators for ${keys.list} are [equal_to, not_equal_to, is_present, is_not_present]`,
    );
  });
});

describe('joining conditions', () => {
  async function threeContacts(t: string) {
    return [
      // Meets a, not c.
      await createContact({ body: { name: `A ${t}`, additional_attributes: { country_code: 'ES' } } }),
      // Meets a and c.
      await createContact({ body: { name: `A ${t}`, additional_attributes: { country_code: 'PT' } } }),
      // Meets b and c.
      await createContact({
        body: { name: `B ${t}`, additional_attributes: { city: `Porto ${t}`, country_code: 'PT' } },
      }),
    ];
  }

  test('a OR b AND c is (a OR b) AND c, strictly left to right', async () => {
    const t = unique();
    const ids = await threeContacts(t);
    const payload: Condition[] = [
      { ...condition('name', 'equal_to', [`a ${t}`]), query_operator: 'OR' },
      { ...condition('city', 'equal_to', [`porto ${t}`]), query_operator: 'AND' },
      { ...condition('country_code', 'equal_to', ['pt']), query_operator: null },
    ];
    // SQL's own precedence, a OR (b AND c), would also match the first contact.
    expect(await matches(payload, ids)).toEqual([false, true, true]);
  });

  test('query_operator ignores case', async () => {
    const t = unique();
    const ids = await threeContacts(t);
    const payload: Condition[] = [
      { ...condition('name', 'equal_to', [`a ${t}`]), query_operator: 'or' },
      { ...condition('city', 'equal_to', [`porto ${t}`]), query_operator: 'And' },
      condition('country_code', 'equal_to', ['pt']),
    ];
    expect(await matches(payload, ids)).toEqual([false, true, true]);
  });

  test('AND narrows and OR widens', async () => {
    const t = unique();
    const ids = await threeContacts(t);
    const and = [
      { ...condition('name', 'equal_to', [`a ${t}`]), query_operator: 'AND' },
      condition('country_code', 'equal_to', ['pt']),
    ];
    const or = [
      { ...condition('name', 'equal_to', [`a ${t}`]), query_operator: 'OR' },
      condition('city', 'equal_to', [`porto ${t}`]),
    ];
    expect([await matches(and, ids), await matches(or, ids)]).toEqual([
      [false, true, false],
      [true, true, true],
    ]);
  });
});

describe('malformed conditions', () => {
  const refused = async (payload: Condition[]) => {
    const response = await filter(payload);
    expect(response.status).toBe(422);
    return response.body as { message: string; attributes: string[]; code: string };
  };

  test('an unknown key is refused, naming it and the standard keys', async () => {
    const body = await refused([
      { ...condition('name', 'equal_to', ['x']), query_operator: 'AND' },
      condition('nickname', 'equal_to', ['x']),
    ]);
    expect(body.attributes).toEqual(['payload.1.attribute_key']);
    expect(body.message).toContain(
      'Invalid attribute key - [nickname]. The key should be one of [name, email, phone_number, identifier, ' +
        'country_code, city, company, labels, created_at, last_activity_at, blocked] or a custom attribute defined ' +
        'in the account.',
    );
  });

  test('an operator the key does not take is refused, naming the key and its operators', async () => {
    const body = await refused([condition('created_at', 'equal_to', ['2025-01-01'])]);
    expect(body.attributes).toEqual(['payload.0.filter_operator']);
    expect(body.message).toContain(
      'Invalid operator. The allowed operators for created_at are [is_greater_than, is_less_than, days_before]',
    );
  });

  test('starts_with is for phone numbers only', async () => {
    const body = await refused([condition('name', 'starts_with', ['A'])]);
    expect(body.message).toContain('Invalid operator. The allowed operators for name are');
  });

  test('an operator outside the language is refused, naming the field', async () => {
    const response = await filter([condition('name', 'like', ['A'])]);
    expect(response.status).toBe(422);
    expect(JSON.stringify(response.body.attributes)).toContain('filter_operator');
  });

  test('a query operator other than AND or OR is refused', async () => {
    const body = await refused([
      { ...condition('name', 'equal_to', ['x']), query_operator: 'XOR' },
      condition('email', 'equal_to', ['x@example.com']),
    ]);
    expect(body.attributes).toEqual(['payload.0.query_operator']);
    expect(body.message).toContain('Query operator must be either "AND" or "OR".');
  });

  test('a condition followed by another needs a query operator', async () => {
    const body = await refused([
      condition('name', 'equal_to', ['x']),
      condition('email', 'equal_to', ['x@example.com']),
    ]);
    expect(body.attributes).toEqual(['payload.0.query_operator']);
    expect(body.message).toContain('Query operator must be either "AND" or "OR".');
  });

  test('the last condition takes no query operator, not even AND or OR, which would join it to nothing', async () => {
    for (const join of ['and', 'OR', 'NOT']) {
      const body = await refused([{ ...condition('name', 'equal_to', ['x']), query_operator: join }]);
      expect(body.attributes).toEqual(['payload.0.query_operator']);
      expect(body.message).toContain('Query operator must be either "AND" or "OR".');
    }
  });

  test('the last condition may leave its query operator null, absent or empty', async () => {
    for (const join of [null, undefined, '']) {
      const response = await filter([{ ...condition('name', 'equal_to', ['x']), query_operator: join }]);
      expect(response.status).toBe(200);
    }
  });

  test.each([
    ['created_at', 'is_greater_than', ['yesterday'], 'Invalid value - [yesterday] for created_at'],
    ['created_at', 'is_less_than', ['2025-02-30'], 'Invalid value - [2025-02-30] for created_at'],
    ['last_activity_at', 'days_before', [-1], 'Invalid value - [-1] for last_activity_at'],
    ['created_at', 'days_before', ['a week'], 'Invalid value - [a week] for created_at'],
    ['created_at', 'days_before', [0], 'for created_at: days_before takes a whole number of days from 1 to 998'],
    ['created_at', 'days_before', [999], 'for created_at: days_before takes a whole number of days from 1 to 998'],
    ['created_at', 'days_before', [1e300], 'for created_at: days_before takes a whole number of days'],
    ['blocked', 'equal_to', ['maybe'], 'Invalid value - [maybe] for blocked'],
    ['name', 'equal_to', [], 'Invalid value. The values provided for name are invalid'],
    ['email', 'contains', undefined, 'Invalid value. The values provided for email are invalid'],
    ['labels', 'equal_to', ['  '], 'for labels'],
  ])('%s %s %j is refused, naming the key', async (key, operator, values, message) => {
    const body = await refused([condition(key, operator, values)]);
    expect(body.attributes).toEqual(['payload.0.values']);
    expect(body.message).toContain(message);
  });

  test.each([
    ['number', ['many'], 'Invalid value - [many] for'],
    ['date', ['05/03/2025'], 'Invalid value - [05/03/2025] for'],
    ['checkbox', ['yes'], 'Invalid value - [yes] for'],
  ])('a %s attribute refuses %j, naming the key', async (type, values, message) => {
    const key = `strict_${type}_${process.pid}`;
    await server.request('POST', `/api/v1/accounts/${fixture.accountId}/custom_attribute_definitions`, {
      token: fixture.admin.token,
      body: {
        attribute_display_name: key,
        attribute_key: key,
        attribute_model: 'contact_attribute',
        attribute_display_type: type,
      },
    });
    const body = await refused([condition(key, 'equal_to', values)]);
    expect(body.message).toContain(`${message} ${key}`);
  });

  test('every malformed condition is named in one answer', async () => {
    const body = await refused([
      { ...condition('nickname', 'equal_to', ['x']), query_operator: 'AND' },
      { ...condition('name', 'is_present'), query_operator: 'maybe' },
      condition('blocked', 'equal_to', ['perhaps']),
    ]);
    expect(body.attributes).toEqual([
      'payload.0.attribute_key',
      'payload.1.filter_operator',
      'payload.1.query_operator',
      'payload.2.values',
    ]);
  });
});

describe('access and paging', () => {
  test("another account's contacts never appear", async () => {
    const t = unique();
    const ours = await createContact({ body: { name: `Shared ${t}` } });
    const theirs = await createContact({ body: { name: `Shared ${t}` } }, fixture.outsider, fixture.otherAccountId);
    const ids = await matchingIds([condition('name', 'equal_to', [`shared ${t}`])]);
    expect(ids).toEqual([ours]);
    expect(ids).not.toContain(theirs);
  });

  test('an agent may filter', async () => {
    const t = unique();
    const contact = await createContact({ body: { name: `Agent view ${t}` } });
    const response = await filter([condition('name', 'equal_to', [`agent view ${t}`])], { user: fixture.agent });
    expect(response.status).toBe(200);
    expect(response.body.payload.map((found: { id: number }) => found.id)).toEqual([contact]);
  });

  test('an outsider may not filter the account', async () => {
    const response = await filter([condition('name', 'equal_to', ['x'])], { user: fixture.outsider });
    expect(response.status).toBe(401);
  });

  test('results come 15 a page with the total and the current page', async () => {
    const label = `paged-${unique()}`;
    for (let index = 0; index < 17; index++) await createContact({ labels: [label] });
    const payload = [condition('labels', 'equal_to', [label])];
    const [first, second] = [await filter(payload), await filter(payload, { query: '?page=2' })];
    expect([first.status, first.body.meta, first.body.payload.length]).toEqual([
      200,
      { count: 17, current_page: 1 },
      15,
    ]);
    expect([second.body.meta, second.body.payload.length]).toEqual([{ count: 17, current_page: 2 }, 2]);
  });

  test('sort and include_contact_inboxes apply', async () => {
    const t = unique();
    const names = [`C ${t}`, `A ${t}`, `B ${t}`];
    for (const name of names) await createContact({ body: { name, additional_attributes: { city: `Sorted ${t}` } } });
    const response = await filter([condition('city', 'equal_to', [`sorted ${t}`])], {
      query: '?sort=-name&include_contact_inboxes=false',
    });
    expect(response.body.payload.map((contact: { name: string }) => contact.name)).toEqual([
      `C ${t}`,
      `B ${t}`,
      `A ${t}`,
    ]);
    expect(response.body.payload[0]).not.toHaveProperty('contact_inboxes');
  });

  test('the filtered contacts have the shape of the list', async () => {
    const t = unique();
    const contact = await createContact({ body: { name: `Shape ${t}`, email: `shape.${t}@example.com` } });
    const response = await filter([condition('email', 'equal_to', [`shape.${t}@example.com`])]);
    const listed = await server.request('GET', `${contactsPath(fixture.accountId)}/${contact}`, {
      token: fixture.admin.token,
    });
    expect(response.body.payload).toEqual([listed.body.payload]);
  });
});
