import { writeJson } from '../../src/db/json-column';
import { customFiltersPerUserLimit } from '../../src/modules/custom-filters/custom-filter-service';
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

const filtersPath = (accountId: number) => `/api/v1/accounts/${accountId}/custom_filters`;
const filterPath = (accountId: number, id: number) => `${filtersPath(accountId)}/${id}`;
const isoOf = (seconds: number) => new Date(seconds * 1000).toISOString();
const query = {
  payload: [{ attribute_key: 'status', filter_operator: 'equal_to', values: ['open'], query_operator: null }],
};

function create(user: TestUser, body: Record<string, unknown>, accountId = fixture.accountId) {
  return server.request('POST', filtersPath(accountId), { token: user.token, body });
}

async function save(user: TestUser, body: Record<string, unknown> = {}, accountId = fixture.accountId) {
  const response = await create(user, { name: 'Open', filter_type: 'conversation', query, ...body }, accountId);
  if (response.status !== 200) throw new Error(`create answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as { id: number; name: string; filter_type: string };
}

const request = (method: string, user: TestUser, id: number, body?: unknown, accountId = fixture.accountId) =>
  server.request(method, filterPath(accountId, id), { token: user.token, body });

describe('saving a custom filter', () => {
  test('any member saves a filter and gets it back with ISO times', async () => {
    const response = await create(fixture.agent, { name: ' Open ones ', filter_type: 'contact', query });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: expect.any(Number),
      name: 'Open ones',
      filter_type: 'contact',
      query,
      created_at: isoOf(clock.nowSeconds()),
      updated_at: isoOf(clock.nowSeconds()),
    });
  });

  test('takes the type from `type` too, and defaults to conversation as the reference does', async () => {
    const byType = await create(fixture.agent, { name: 'By type', type: 'report', query });
    const both = await create(fixture.agent, { name: 'Both', type: 'contact', filter_type: 'contact', query });
    const neither = await create(fixture.agent, { name: 'Neither', query: {} });
    expect([byType.status, byType.body.filter_type]).toEqual([200, 'report']);
    expect([both.status, both.body.filter_type]).toEqual([200, 'contact']);
    expect([neither.status, neither.body.filter_type, neither.body.query]).toEqual([200, 'conversation', {}]);
  });

  test('refuses `type` and `filter_type` that disagree, naming filter_type', async () => {
    const response = await create(fixture.agent, { name: 'Both', type: 'report', filter_type: 'contact', query });
    expect([response.status, response.body.attributes]).toEqual([422, ['filter_type']]);
  });

  test('refuses a missing or blank name, a missing or non-object query and an unknown type, naming each', async () => {
    for (const [body, field] of [
      [{ query }, 'name'],
      [{ name: '  ', query }, 'name'],
      [{ name: 'No query' }, 'query'],
      [{ name: 'List query', query: [] }, 'query'],
      [{ name: 'Bad type', filter_type: 'inbox', query }, 'filter_type'],
    ] as const) {
      const response = await create(fixture.agent, body);
      expect([field, response.status, response.body.attributes]).toEqual([field, 422, [field]]);
    }
  });

  test('refuses a user of another account', async () => {
    const response = await create(fixture.outsider, { name: 'Mine', query });
    expect([response.status, response.body.error]).toEqual([401, 'You are not authorized to access this account']);
  });

  test(`stops a user at ${customFiltersPerUserLimit} filters in an account, and not other users`, async () => {
    const limited = await createAccountFixture(server);
    const now = clock.nowSeconds();
    const rows = Array.from({ length: customFiltersPerUserLimit - 1 }, (_, index) => ({
      account_id: limited.accountId,
      user_id: limited.agent.id,
      name: `Seeded ${index}`,
      filter_type: 'conversation',
      query: writeJson({}),
      created_at: now,
      updated_at: now,
    }));
    await server.db.batchInsert('custom_filters', rows, 250);
    await save(limited.agent, { name: 'The last one allowed' }, limited.accountId);
    const beyond = await create(limited.agent, { name: 'One too many', query }, limited.accountId);
    expect([beyond.status, beyond.body.attributes]).toEqual([422, ['account_id']]);
    expect(beyond.body.message).toContain(`${customFiltersPerUserLimit}`);
    await expect(save(limited.admin, {}, limited.accountId)).resolves.toBeDefined();
    const listed = await server.request('GET', filtersPath(limited.accountId), { token: limited.agent.token });
    expect(listed.body).toHaveLength(customFiltersPerUserLimit);
  });
});

describe('listing custom filters', () => {
  let listing: AccountFixture;
  beforeAll(async () => {
    listing = await createAccountFixture(server);
    for (const [name, filterType] of [
      ['Conversations A', 'conversation'],
      ['Contacts A', 'contact'],
      ['Report A', 'report'],
      ['Conversations B', 'conversation'],
    ]) {
      await save(listing.agent, { name, filter_type: filterType }, listing.accountId);
    }
    await save(listing.admin, { name: 'Admin conversations' }, listing.accountId);
  });
  const namesOf = (body: Array<{ name: string }>) => body.map((filter) => filter.name);
  const listAs = (user: TestUser, search = '') =>
    server.request('GET', `${filtersPath(listing.accountId)}${search}`, { token: user.token });

  test('lists only conversation filters when no type is given, as the reference does', async () => {
    const response = await listAs(listing.agent);
    expect(response.status).toBe(200);
    expect(namesOf(response.body)).toEqual(['Conversations A', 'Conversations B']);
  });

  test('lists the filters of the type asked for', async () => {
    expect(namesOf((await listAs(listing.agent, '?filter_type=contact')).body)).toEqual(['Contacts A']);
    expect(namesOf((await listAs(listing.agent, '?filter_type=report')).body)).toEqual(['Report A']);
  });

  test("never lists another user's filters, not even an administrator's to an agent or the reverse", async () => {
    expect(namesOf((await listAs(listing.admin)).body)).toEqual(['Admin conversations']);
    expect(namesOf((await listAs(listing.agent)).body)).not.toContain('Admin conversations');
  });

  test("does not list a user's filters of another account", async () => {
    await server.request('POST', `/platform/api/v1/accounts/${listing.otherAccountId}/account_users`, {
      token: listing.platformToken,
      body: { user_id: listing.agent.id, role: 'agent' },
    });
    const response = await server.request('GET', filtersPath(listing.otherAccountId), { token: listing.agent.token });
    expect([response.status, response.body]).toEqual([200, []]);
  });

  test('refuses an unknown type, naming filter_type', async () => {
    const response = await listAs(listing.agent, '?filter_type=inbox');
    expect([response.status, response.body.attributes]).toEqual([422, ['filter_type']]);
  });

  test('refuses a user of another account', async () => {
    const response = await listAs(listing.outsider);
    expect(response.status).toBe(401);
  });
});

describe('getting, updating and deleting a custom filter', () => {
  test('the owner gets their filter', async () => {
    const filter = await save(fixture.admin, { name: 'Admin view', filter_type: 'report' });
    const response = await request('GET', fixture.admin, filter.id);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: filter.id,
      name: 'Admin view',
      filter_type: 'report',
      query,
      created_at: isoOf(clock.nowSeconds()),
      updated_at: isoOf(clock.nowSeconds()),
    });
  });

  test('another user of the same account, even an administrator, cannot get, update or delete it', async () => {
    const filter = await save(fixture.agent, { name: 'Private' });
    for (const [method, body] of [['GET'], ['PATCH', { name: 'Taken over' }], ['DELETE']] as const) {
      const response = await request(method, fixture.admin, filter.id, body);
      expect([method, response.status, response.body.error]).toEqual([method, 404, 'Resource could not be found']);
    }
    expect((await request('GET', fixture.agent, filter.id)).body.name).toBe('Private');
  });

  test("answers 404 for another account's filter and for an unknown id", async () => {
    const foreign = await save(fixture.outsider, {}, fixture.otherAccountId);
    expect((await request('GET', fixture.admin, foreign.id)).status).toBe(404);
    expect((await request('GET', fixture.admin, 999_999)).status).toBe(404);
  });

  test('refuses a user of another account on every operation', async () => {
    const filter = await save(fixture.agent);
    for (const [method, body] of [['GET'], ['PATCH', { name: 'X' }], ['DELETE']] as const) {
      const response = await request(method, fixture.outsider, filter.id, body);
      expect([method, response.status]).toEqual([method, 401]);
    }
  });

  test('the owner changes only the fields given, and updated_at moves', async () => {
    const filter = await save(fixture.agent, { name: 'Before' });
    const createdAt = clock.nowSeconds();
    clock.advance(90);
    const renamed = await request('PATCH', fixture.agent, filter.id, { name: 'After' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'After',
      filter_type: 'conversation',
      query,
      created_at: isoOf(createdAt),
      updated_at: isoOf(clock.nowSeconds()),
    });
    const retyped = await request('PATCH', fixture.agent, filter.id, { type: 'contact', query: { payload: [] } });
    expect(retyped.body).toMatchObject({ name: 'After', filter_type: 'contact', query: { payload: [] } });
    expect((await request('GET', fixture.agent, filter.id)).body).toEqual(retyped.body);
  });

  test('refuses a blank name, a non-object query, an unknown type and disagreeing types, naming each', async () => {
    const filter = await save(fixture.agent);
    for (const [body, field] of [
      [{ name: ' ' }, 'name'],
      [{ query: 'status=open' }, 'query'],
      [{ filter_type: 'inbox' }, 'filter_type'],
      [{ filter_type: 'contact', type: 'report' }, 'filter_type'],
    ] as const) {
      const response = await request('PATCH', fixture.agent, filter.id, body);
      expect([field, response.status, response.body.attributes]).toEqual([field, 422, [field]]);
    }
  });

  test('the owner deletes their filter, which is then gone', async () => {
    const filter = await save(fixture.agent);
    const response = await request('DELETE', fixture.agent, filter.id);
    expect([response.status, response.body]).toEqual([200, undefined]);
    expect((await request('GET', fixture.agent, filter.id)).status).toBe(404);
  });
});
