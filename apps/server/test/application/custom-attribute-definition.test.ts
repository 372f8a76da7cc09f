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
let otherAccountDefinitionId: number;
beforeAll(async () => {
  server = await startTestServer({ clock });
  fixture = await createAccountFixture(server);
  otherAccountDefinitionId = (await define(fixture.outsider, fixture.otherAccountId)).id;
});
afterAll(() => server.close());

const definitionPath = (accountId: number, id: number) =>
  `/api/v1/accounts/${accountId}/custom_attribute_definitions/${id}`;
const isoOf = (seconds: number) => new Date(seconds * 1000).toISOString();

let keyCount = 0;

async function define(user: TestUser = fixture.admin, accountId = fixture.accountId, body: object = {}) {
  const response = await server.request('POST', `/api/v1/accounts/${accountId}/custom_attribute_definitions`, {
    token: user.token,
    body: {
      attribute_display_name: 'Plan',
      attribute_key: `plan_${++keyCount}`,
      attribute_model: 'contact_attribute',
      attribute_display_type: 'list',
      attribute_values: ['free', 'pro'],
      ...body,
    },
  });
  if (response.status !== 200) throw new Error(`create answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as { id: number; attribute_key: string };
}

const request = (method: string, id: number, user: TestUser, body?: unknown, accountId = fixture.accountId) =>
  server.request(method, definitionPath(accountId, id), { token: user.token, body });

describe('getting a custom attribute definition', () => {
  test('any member gets a definition of their account', async () => {
    const definition = await define();
    const response = await request('GET', definition.id, fixture.agent);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: definition.id,
      account_id: fixture.accountId,
      attribute_display_name: 'Plan',
      attribute_display_type: 'list',
      attribute_description: null,
      attribute_key: definition.attribute_key,
      regex_pattern: null,
      regex_cue: null,
      attribute_values: ['free', 'pro'],
      attribute_model: 'contact_attribute',
      default_value: null,
      created_at: isoOf(clock.nowSeconds()),
      updated_at: isoOf(clock.nowSeconds()),
    });
  });

  test("answers 404 for another account's definition and for an unknown id", async () => {
    const foreign = await request('GET', otherAccountDefinitionId, fixture.admin);
    const unknown = await request('GET', 999_999, fixture.admin);
    expect([foreign.status, foreign.body.error]).toEqual([404, 'Resource could not be found']);
    expect(unknown.status).toBe(404);
  });

  test('refuses a user of another account', async () => {
    const definition = await define();
    const response = await request('GET', definition.id, fixture.outsider);
    expect(response.status).toBe(401);
  });

  test('refuses an id that is not a number, naming it', async () => {
    const response = await server.request(
      'GET',
      `/api/v1/accounts/${fixture.accountId}/custom_attribute_definitions/x`,
      {
        token: fixture.admin.token,
      },
    );
    expect([response.status, response.body.attributes]).toEqual([422, ['id']]);
  });
});

describe('updating a custom attribute definition', () => {
  test('an administrator changes only the fields given, and updated_at moves', async () => {
    const definition = await define();
    const createdAt = clock.nowSeconds();
    clock.advance(60);
    const response = await request('PATCH', definition.id, fixture.admin, {
      attribute_display_name: 'Subscription plan',
      attribute_values: ['free', 'pro', 'enterprise'],
      attribute_description: 'What they pay for',
      regex_cue: 'Pick one',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      attribute_display_name: 'Subscription plan',
      attribute_values: ['free', 'pro', 'enterprise'],
      attribute_description: 'What they pay for',
      regex_cue: 'Pick one',
      attribute_display_type: 'list',
      attribute_key: definition.attribute_key,
      created_at: isoOf(createdAt),
      updated_at: isoOf(clock.nowSeconds()),
    });
    expect((await request('GET', definition.id, fixture.agent)).body).toEqual(response.body);
  });

  test('changes the display type, given by name or integer', async () => {
    const definition = await define();
    const byInteger = await request('PATCH', definition.id, fixture.admin, { attribute_display_type: 7 });
    expect(byInteger.body.attribute_display_type).toBe('checkbox');
    const byName = await request('PATCH', definition.id, fixture.admin, { attribute_display_type: 'date' });
    expect(byName.body.attribute_display_type).toBe('date');
  });

  test('refuses to change the key or the model, which would orphan stored values', async () => {
    const definition = await define();
    const key = await request('PATCH', definition.id, fixture.admin, { attribute_key: 'renamed' });
    const model = await request('PATCH', definition.id, fixture.admin, { attribute_model: 'conversation_attribute' });
    expect([key.status, key.body.attributes]).toEqual([422, ['attribute_key']]);
    expect([model.status, model.body.attributes]).toEqual([422, ['attribute_model']]);
    expect((await request('GET', definition.id, fixture.admin)).body.attribute_key).toBe(definition.attribute_key);
  });

  test('accepts the current key and model sent back unchanged', async () => {
    const definition = await define();
    const response = await request('PATCH', definition.id, fixture.admin, {
      attribute_key: definition.attribute_key,
      attribute_model: 1,
      attribute_display_name: 'Same key',
    });
    expect([response.status, response.body.attribute_display_name]).toEqual([200, 'Same key']);
  });

  test('refuses to leave a list attribute without values', async () => {
    const list = await define();
    const emptied = await request('PATCH', list.id, fixture.admin, { attribute_values: [] });
    expect([emptied.status, emptied.body.attributes]).toEqual([422, ['attribute_values']]);
    const text = await define(fixture.admin, fixture.accountId, {
      attribute_display_type: 'text',
      attribute_values: [],
    });
    const toList = await request('PATCH', text.id, fixture.admin, { attribute_display_type: 'list' });
    expect([toList.status, toList.body.attributes]).toEqual([422, ['attribute_values']]);
  });

  test('refuses a regex pattern that does not compile and an unknown display type', async () => {
    const definition = await define();
    const regex = await request('PATCH', definition.id, fixture.admin, { regex_pattern: '(' });
    const type = await request('PATCH', definition.id, fixture.admin, { attribute_display_type: 'dropdown' });
    expect([regex.status, regex.body.attributes]).toEqual([422, ['regex_pattern']]);
    expect([type.status, type.body.attributes]).toEqual([422, ['attribute_display_type']]);
  });

  test('refuses an agent', async () => {
    const definition = await define();
    const response = await request('PATCH', definition.id, fixture.agent, { attribute_display_name: 'Mine' });
    expect([response.status, response.body.error]).toEqual([401, 'You are not authorized to do this action']);
  });

  test("answers 404 for another account's definition, which stays unchanged", async () => {
    const response = await request('PATCH', otherAccountDefinitionId, fixture.admin, { attribute_display_name: 'X' });
    expect(response.status).toBe(404);
    const untouched = await request(
      'GET',
      otherAccountDefinitionId,
      fixture.outsider,
      undefined,
      fixture.otherAccountId,
    );
    expect(untouched.body.attribute_display_name).toBe('Plan');
  });

  test('refuses a user of another account', async () => {
    const definition = await define();
    const response = await request('PATCH', definition.id, fixture.outsider, { attribute_display_name: 'X' });
    expect(response.status).toBe(401);
  });
});

describe('deleting a custom attribute definition', () => {
  test('an administrator deletes a definition, which then is gone, and its key is free again', async () => {
    const definition = await define();
    const response = await request('DELETE', definition.id, fixture.admin);
    expect([response.status, response.body]).toEqual([200, undefined]);
    expect((await request('GET', definition.id, fixture.admin)).status).toBe(404);
    await expect(
      define(fixture.admin, fixture.accountId, { attribute_key: definition.attribute_key }),
    ).resolves.toEqual(expect.objectContaining({ attribute_key: definition.attribute_key }));
  });

  test('refuses an agent, and the definition stays', async () => {
    const definition = await define();
    const response = await request('DELETE', definition.id, fixture.agent);
    expect(response.status).toBe(401);
    expect((await request('GET', definition.id, fixture.agent)).status).toBe(200);
  });

  test("answers 404 for another account's definition, which stays", async () => {
    const response = await request('DELETE', otherAccountDefinitionId, fixture.admin);
    expect(response.status).toBe(404);
    const kept = await request('GET', otherAccountDefinitionId, fixture.outsider, undefined, fixture.otherAccountId);
    expect(kept.status).toBe(200);
  });

  test('refuses a user of another account', async () => {
    const definition = await define();
    const response = await request('DELETE', definition.id, fixture.outsider);
    expect(response.status).toBe(401);
  });
});
