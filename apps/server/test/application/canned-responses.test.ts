import {
  type AccountFixture,
  createAccountFixture,
  type ManualClock,
  manualClock,
  startTestServer,
  type TestServer,
} from '../../src/testing';

let server: TestServer;
let clock: ManualClock;
let fixture: AccountFixture;
beforeAll(async () => {
  clock = manualClock();
  server = await startTestServer({ clock });
});
// Each test gets accounts of its own, so that it sees only the canned responses it made.
beforeEach(async () => {
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

interface CannedResponse {
  id: number;
  short_code: string;
  content: string;
}

const responsesPath = (accountId: number) => `/api/v1/accounts/${accountId}/canned_responses`;
const responsePath = (id: number, accountId = fixture.accountId) => `${responsesPath(accountId)}/${id}`;

function create(body: unknown, token = fixture.admin.token, accountId = fixture.accountId) {
  return server.request('POST', responsesPath(accountId), { token, body });
}

async function created(shortCode: string, content = `Content of ${shortCode}`): Promise<CannedResponse> {
  const response = await create({ short_code: shortCode, content });
  if (response.status !== 200) throw new Error(`creating a canned response answered ${response.status}`);
  return response.body;
}

async function list(search?: string, token = fixture.agent.token): Promise<CannedResponse[]> {
  const query = search === undefined ? '' : `?search=${encodeURIComponent(search)}`;
  const response = await server.request<CannedResponse[]>('GET', responsesPath(fixture.accountId) + query, { token });
  expect(response.status).toBe(200);
  return response.body;
}

const shortCodes = (responses: CannedResponse[]) => responses.map((response) => response.short_code);

describe('listing canned responses', () => {
  test("lists the account's canned responses by id, and no other account's, to an agent", async () => {
    const first = await created('hello', 'Hello there!');
    await created('bye');
    await create({ short_code: 'elsewhere', content: 'Not here' }, fixture.outsider.token, fixture.otherAccountId);
    const responses = await list();
    expect(shortCodes(responses)).toEqual(['hello', 'bye']);
    expect(responses[0]).toEqual({
      id: first.id,
      account_id: fixture.accountId,
      short_code: 'hello',
      content: 'Hello there!',
      created_at: clock.nowSeconds(),
      updated_at: clock.nowSeconds(),
    });
  });

  test('finds the search text in short codes and contents, ignoring case', async () => {
    await created('greeting', 'Welcome aboard');
    await created('REFUND-policy', 'Money back');
    await created('shipping', 'Your refund ships separately');
    await created('unrelated', 'Nothing to see');
    expect(shortCodes(await list('ReFuNd'))).toEqual(['REFUND-policy', 'shipping']);
    expect(shortCodes(await list('WELCOME'))).toEqual(['greeting']);
  });

  test('puts short codes starting with the text first, then short codes containing it, then contents', async () => {
    await created('about-order', 'Nothing relevant');
    await created('in-content', 'Where is my order?');
    await created('my-order', 'Tracking');
    await created('order-status', 'Shipped');
    await created('order-cancel', 'Cancelled');
    expect(shortCodes(await list('order'))).toEqual([
      'order-status',
      'order-cancel',
      'about-order',
      'my-order',
      'in-content',
    ]);
  });

  test('matches % and _ in the search text literally', async () => {
    await created('discount', '20% off today');
    await created('discount-word', '20 percent off');
    await created('snake_case', 'Underscored');
    await created('snakeXcase', 'Not underscored');
    expect(shortCodes(await list('20%'))).toEqual(['discount']);
    expect(shortCodes(await list('%'))).toEqual(['discount']);
    expect(shortCodes(await list('e_c'))).toEqual(['snake_case']);
    expect(shortCodes(await list('\\'))).toEqual([]);
  });

  test('lists everything for an empty search text', async () => {
    await created('one');
    await created('two');
    expect(shortCodes(await list(''))).toEqual(['one', 'two']);
  });

  test('takes reserved characters such as @ unencoded in the search text', async () => {
    await created('mail', 'Write to billing@acme.example');
    const response = await server.request('GET', `${responsesPath(fixture.accountId)}?search=billing@acme`, {
      token: fixture.agent.token,
    });
    expect([response.status, shortCodes(response.body)]).toEqual([200, ['mail']]);
  });

  test('refuses a search text that is too long, naming it', async () => {
    const response = await server.request('GET', `${responsesPath(fixture.accountId)}?search=${'x'.repeat(1001)}`, {
      token: fixture.agent.token,
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['search']);
  });

  test('refuses a user of another account', async () => {
    const response = await server.request('GET', responsesPath(fixture.accountId), { token: fixture.outsider.token });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to access this account');
  });

  test('answers 404 for an account that does not exist', async () => {
    const response = await server.request('GET', responsesPath(999_999), { token: fixture.agent.token });
    expect(response.status).toBe(404);
  });
});

describe('creating a canned response', () => {
  test('creates a canned response for an agent', async () => {
    const response = await create({ short_code: 'thanks', content: 'Thanks for reaching out!' }, fixture.agent.token);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: expect.any(Number),
      account_id: fixture.accountId,
      short_code: 'thanks',
      content: 'Thanks for reaching out!',
      created_at: clock.nowSeconds(),
      updated_at: clock.nowSeconds(),
    });
    expect(await list()).toEqual([response.body]);
  });

  test('refuses a short code the account already has, naming short_code', async () => {
    await created('thanks');
    const response = await create({ short_code: 'thanks', content: 'Again' }, fixture.agent.token);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ attributes: ['short_code'], code: 'VALIDATION_FAILED' });
    expect(await list()).toHaveLength(1);
  });

  test('tells short codes apart by case', async () => {
    await created('thanks');
    const response = await create({ short_code: 'Thanks', content: 'Capitalised' });
    expect(response.status).toBe(200);
  });

  test('accepts a short code another account already has', async () => {
    await create({ short_code: 'shared', content: 'Theirs' }, fixture.outsider.token, fixture.otherAccountId);
    const response = await create({ short_code: 'shared', content: 'Ours' });
    expect(response.status).toBe(200);
  });

  test('refuses a user of another account', async () => {
    const response = await create({ short_code: 'intruder', content: 'No' }, fixture.outsider.token);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to access this account');
  });

  test('lets only one of several simultaneous creations have a short code', async () => {
    const responses = await Promise.all(
      ['First', 'Second', 'Third'].map((content) => create({ short_code: 'race', content })),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 422, 422]);
    expect(await list()).toHaveLength(1);
  });

  test.each([
    ['a missing short code', 'short_code', { content: 'No code' }],
    ['a missing content', 'content', { short_code: 'no-content' }],
    ['an empty short code', 'short_code', { short_code: '', content: 'Empty code' }],
    ['a blank short code', 'short_code', { short_code: '   ', content: 'Blank code' }],
    ['a blank content', 'content', { short_code: 'blank', content: ' \n ' }],
    ['a short code over 255 characters', 'short_code', { short_code: 'x'.repeat(256), content: 'Long code' }],
    ['a numeric short code', 'short_code', { short_code: 42, content: 'Numeric code' }],
  ])('refuses %s, naming %s', async (_case, attribute, body) => {
    const response = await create(body);
    expect(response.status).toBe(422);
    expect(response.body.attributes).toContain(attribute);
  });
});

describe('updating a canned response', () => {
  test('changes only the fields given, for an administrator', async () => {
    const original = await created('refund', 'Five days');
    clock.advance(60);
    const response = await server.request('PATCH', responsePath(original.id), {
      token: fixture.admin.token,
      body: { content: 'Three days' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...original, content: 'Three days', updated_at: clock.nowSeconds() });
    expect(await list()).toEqual([response.body]);
  });

  test('changes the short code to a free one and keeps its own', async () => {
    const original = await created('old-code');
    const renamed = await server.request('PATCH', responsePath(original.id), {
      token: fixture.admin.token,
      body: { short_code: 'new-code' },
    });
    const unchanged = await server.request('PATCH', responsePath(original.id), {
      token: fixture.admin.token,
      body: { short_code: 'new-code', content: 'Same code' },
    });
    expect(renamed.body.short_code).toBe('new-code');
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toMatchObject({ short_code: 'new-code', content: 'Same code' });
  });

  test('refuses a short code another canned response has, naming short_code', async () => {
    await created('taken');
    const other = await created('free');
    const response = await server.request('PATCH', responsePath(other.id), {
      token: fixture.admin.token,
      body: { short_code: 'taken' },
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['short_code']);
    expect(shortCodes(await list())).toEqual(['taken', 'free']);
  });

  test('refuses an agent', async () => {
    const original = await created('agent-proof');
    const response = await server.request('PATCH', responsePath(original.id), {
      token: fixture.agent.token,
      body: { content: 'Changed by agent' },
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
  });

  test('refuses a user of another account', async () => {
    const original = await created('outsider-proof');
    const response = await server.request('PATCH', responsePath(original.id), {
      token: fixture.outsider.token,
      body: { content: 'Changed by outsider' },
    });
    expect(response.status).toBe(401);
  });

  test("answers 404 for another account's canned response", async () => {
    const theirs = await create(
      { short_code: 'theirs', content: 'Theirs' },
      fixture.outsider.token,
      fixture.otherAccountId,
    );
    const response = await server.request('PATCH', responsePath(theirs.body.id), {
      token: fixture.admin.token,
      body: { content: 'Hijacked' },
    });
    expect([response.status, response.body.error]).toEqual([404, 'Resource could not be found']);
  });

  test.each([
    [{ short_code: '' }, 'short_code'],
    [{ content: '  ' }, 'content'],
    [{ content: null }, 'content'],
  ])('refuses %j naming %s', async (body, attribute) => {
    const original = await created('validated');
    const response = await server.request('PATCH', responsePath(original.id), { token: fixture.admin.token, body });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toContain(attribute);
  });
});

describe('deleting a canned response', () => {
  test('deletes it, for an administrator', async () => {
    const doomed = await created('doomed');
    await created('kept');
    const response = await server.request('DELETE', responsePath(doomed.id), { token: fixture.admin.token });
    expect(response.status).toBe(200);
    expect(response.body).toBeUndefined();
    expect(shortCodes(await list())).toEqual(['kept']);
  });

  test('refuses an agent', async () => {
    const original = await created('agent-proof');
    const response = await server.request('DELETE', responsePath(original.id), { token: fixture.agent.token });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
    expect(await list()).toHaveLength(1);
  });

  test('refuses a user of another account', async () => {
    const original = await created('outsider-proof');
    const response = await server.request('DELETE', responsePath(original.id), { token: fixture.outsider.token });
    expect(response.status).toBe(401);
  });

  test("answers 404 for another account's canned response and for an unknown id", async () => {
    const theirs = await create(
      { short_code: 'theirs', content: 'Theirs' },
      fixture.outsider.token,
      fixture.otherAccountId,
    );
    const foreign = await server.request('DELETE', responsePath(theirs.body.id), { token: fixture.admin.token });
    const unknown = await server.request('DELETE', responsePath(999_999), { token: fixture.admin.token });
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
  });
});
