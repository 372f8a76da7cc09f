import { customAttributeDefinitionRepository } from '../../src/modules/custom-attributes/custom-attribute-repository';
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

const definitionsPath = (accountId: number) => `/api/v1/accounts/${accountId}/custom_attribute_definitions`;

let keyCount = 0;
const freshKey = (prefix = 'attr') => `${prefix}_${++keyCount}`;

function create(body: Record<string, unknown>, { user = fixture.admin, accountId = fixture.accountId } = {}) {
  return server.request('POST', definitionsPath(accountId), { token: user.token, body });
}

async function created(body: Record<string, unknown>, accountId = fixture.accountId) {
  const response = await create(
    { attribute_display_name: 'Some attribute', attribute_key: freshKey(), ...body },
    { accountId, user: accountId === fixture.accountId ? fixture.admin : fixture.outsider },
  );
  if (response.status !== 200) throw new Error(`create answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as { id: number; attribute_key: string; attribute_model: string };
}

const list = (query: string, user: TestUser = fixture.agent) =>
  server.request('GET', `${definitionsPath(fixture.accountId)}${query}`, { token: user.token });

describe('creating a custom attribute definition', () => {
  test('an administrator defines a contact attribute and gets it back with names and ISO times', async () => {
    const response = await create({
      attribute_display_name: ' Plan ',
      attribute_display_type: 'list',
      attribute_description: 'The subscription plan',
      attribute_key: 'plan',
      attribute_model: 'contact_attribute',
      attribute_values: ['free', 'pro'],
      default_value: 'free',
      regex_pattern: null,
      regex_cue: null,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: expect.any(Number),
      account_id: fixture.accountId,
      attribute_display_name: 'Plan',
      attribute_display_type: 'list',
      attribute_description: 'The subscription plan',
      attribute_key: 'plan',
      regex_pattern: null,
      regex_cue: null,
      attribute_values: ['free', 'pro'],
      attribute_model: 'contact_attribute',
      default_value: 'free',
      created_at: new Date(clock.nowSeconds() * 1000).toISOString(),
      updated_at: new Date(clock.nowSeconds() * 1000).toISOString(),
    });
  });

  test('accepts the model and the display type as the reference integers', async () => {
    const response = await create({
      attribute_display_name: 'Tier',
      attribute_key: freshKey(),
      attribute_model: 1,
      attribute_display_type: 1,
    });
    expect(response.status).toBe(200);
    expect([response.body.attribute_model, response.body.attribute_display_type]).toEqual([
      'contact_attribute',
      'number',
    ]);
  });

  test('defaults to a text conversation attribute, as the reference does', async () => {
    const response = await create({ attribute_display_name: 'Order', attribute_key: freshKey() });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      attribute_model: 'conversation_attribute',
      attribute_display_type: 'text',
      attribute_values: [],
      attribute_description: null,
      default_value: null,
    });
  });

  test('accepts every display type, by name and by integer', async () => {
    const types = ['text', 'number', 'currency', 'percent', 'link', 'date', 'list', 'checkbox'];
    for (const [index, type] of types.entries()) {
      for (const given of [type, index]) {
        const response = await create({
          attribute_display_name: `Type ${type}`,
          attribute_key: freshKey(type),
          attribute_display_type: given,
          attribute_values: ['one'],
        });
        expect([given, response.status, response.body.attribute_display_type]).toEqual([given, 200, type]);
      }
    }
  });

  test('refuses an unknown display type, naming it', async () => {
    for (const given of ['dropdown', 8]) {
      const response = await create({
        attribute_display_name: 'Bad',
        attribute_key: freshKey(),
        attribute_display_type: given,
      });
      expect(response.status).toBe(422);
      expect(response.body.attributes).toEqual(['attribute_display_type']);
    }
  });

  test('refuses an agent, as only administrators define attributes', async () => {
    const response = await create({ attribute_display_name: 'X', attribute_key: freshKey() }, { user: fixture.agent });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
  });

  test('refuses a user of another account', async () => {
    const response = await create(
      { attribute_display_name: 'X', attribute_key: freshKey() },
      { user: fixture.outsider },
    );
    expect([response.status, response.body.error]).toEqual([401, 'You are not authorized to access this account']);
  });

  test('accepts keys of letters, digits, underscores, dashes and dots, in any script', async () => {
    for (const key of ['plan_tier-2.x', 'größe', 'ключ9']) {
      const response = await create({ attribute_display_name: 'Key', attribute_key: key });
      expect([key, response.status]).toEqual([key, 200]);
    }
  });

  test('refuses keys with any other character, naming attribute_key', async () => {
    for (const key of ['plan tier', 'plan/tier', 'plan$', '', ' plan']) {
      const response = await create({ attribute_display_name: 'Key', attribute_key: key });
      expect([key, response.status, response.body.attributes]).toEqual([key, 422, ['attribute_key']]);
    }
  });

  test("refuses a model's standard attribute key, which might conflict with default attributes", async () => {
    for (const [model, key] of [
      ['contact_attribute', 'email'],
      ['contact_attribute', 'company'],
      ['conversation_attribute', 'status'],
      ['conversation_attribute', 'contact_id'],
      ['company_attribute', 'domain'],
    ]) {
      const response = await create({ attribute_display_name: 'Std', attribute_key: key, attribute_model: model });
      expect([model, key, response.status, response.body.attributes]).toEqual([model, key, 422, ['attribute_key']]);
      expect(response.body.message).toContain('might conflict with default attributes');
    }
  });

  test("allows another model's standard key", async () => {
    const response = await create({ attribute_display_name: 'Email', attribute_key: 'email', attribute_model: 0 });
    expect([response.status, response.body.attribute_model]).toEqual([200, 'conversation_attribute']);
  });

  test('allows country_code for conversations, whose filter has no such key', async () => {
    const response = await create({
      attribute_display_name: 'Country',
      attribute_key: 'country_code',
      attribute_model: 'conversation_attribute',
    });
    expect([response.status, response.body.attribute_key]).toEqual([200, 'country_code']);
  });

  test('refuses a key already defined for the same model, and allows it for another model or account', async () => {
    const key = freshKey('unique');
    await created({ attribute_key: key, attribute_model: 'contact_attribute' });
    const again = await create({ attribute_display_name: 'Again', attribute_key: key, attribute_model: 1 });
    expect([again.status, again.body.attributes, again.body.message]).toEqual([
      422,
      ['attribute_key'],
      'attribute_key has already been taken',
    ]);
    const otherModel = await create({ attribute_display_name: 'Again', attribute_key: key, attribute_model: 0 });
    expect(otherModel.status).toBe(200);
    await expect(created({ attribute_key: key, attribute_model: 1 }, fixture.otherAccountId)).resolves.toBeDefined();
  });

  test('refuses a list attribute without values', async () => {
    for (const values of [undefined, []]) {
      const response = await create({
        attribute_display_name: 'Choice',
        attribute_key: freshKey(),
        attribute_display_type: 'list',
        attribute_values: values,
      });
      expect([response.status, response.body.attributes]).toEqual([422, ['attribute_values']]);
    }
  });

  test('keeps a valid regex pattern and its cue, and refuses one that does not compile', async () => {
    const valid = await created({ regex_pattern: '^[A-Z]{3}-\\d+$', regex_cue: 'Like ABC-12' });
    expect(valid).toMatchObject({ regex_pattern: '^[A-Z]{3}-\\d+$', regex_cue: 'Like ABC-12' });
    const invalid = await create({ attribute_display_name: 'Code', attribute_key: freshKey(), regex_pattern: '([a-z' });
    expect([invalid.status, invalid.body.attributes]).toEqual([422, ['regex_pattern']]);
  });

  test('refuses a missing or blank display name, naming it', async () => {
    const missing = await create({ attribute_key: freshKey() });
    const blank = await create({ attribute_display_name: '   ', attribute_key: freshKey() });
    expect([missing.status, missing.body.attributes]).toEqual([422, ['attribute_display_name']]);
    expect([blank.status, blank.body.attributes]).toEqual([422, ['attribute_display_name']]);
  });
});

describe('listing custom attribute definitions', () => {
  let listing: AccountFixture;
  beforeAll(async () => {
    listing = await createAccountFixture(server);
    for (const [key, model] of [
      ['conversation_one', 'conversation_attribute'],
      ['contact_one', 'contact_attribute'],
      ['company_one', 'company_attribute'],
      ['contact_two', 'contact_attribute'],
    ]) {
      const response = await server.request('POST', definitionsPath(listing.accountId), {
        token: listing.admin.token,
        body: { attribute_display_name: key, attribute_key: key, attribute_model: model },
      });
      expect(response.status).toBe(200);
    }
  });
  const keysOf = (body: Array<{ attribute_key: string }>) => body.map((definition) => definition.attribute_key);
  const listIn = (query: string) =>
    server.request('GET', `${definitionsPath(listing.accountId)}${query}`, { token: listing.agent.token });

  test('lists every model to any member when no model is given, in creation order', async () => {
    const response = await listIn('');
    expect(response.status).toBe(200);
    expect(keysOf(response.body)).toEqual(['conversation_one', 'contact_one', 'company_one', 'contact_two']);
  });

  test('filters by model, given by name or by integer', async () => {
    expect(keysOf((await listIn('?attribute_model=contact_attribute')).body)).toEqual(['contact_one', 'contact_two']);
    expect(keysOf((await listIn('?attribute_model=1')).body)).toEqual(['contact_one', 'contact_two']);
    expect(keysOf((await listIn('?attribute_model=0')).body)).toEqual(['conversation_one']);
    expect(keysOf((await listIn('?attribute_model=company_attribute')).body)).toEqual(['company_one']);
  });

  test('refuses an unknown model, naming attribute_model', async () => {
    const response = await listIn('?attribute_model=3');
    expect([response.status, response.body.attributes]).toEqual([422, ['attribute_model']]);
  });

  test('refuses a user of another account', async () => {
    const response = await list('', fixture.outsider);
    expect(response.status).toBe(401);
  });

  test('gives later features the definition of a key for one model', async () => {
    const definitions = customAttributeDefinitionRepository(server.db);
    const found = await definitions.findByKey(listing.accountId, 'contact_attribute', 'contact_two');
    expect(found).toMatchObject({ attribute_key: 'contact_two', attribute_display_type: 'text', attribute_values: [] });
    expect(await definitions.findByKey(listing.accountId, 'conversation_attribute', 'contact_two')).toBeUndefined();
    expect(await definitions.listByModel(listing.accountId, 'company_attribute')).toHaveLength(1);
  });
});
