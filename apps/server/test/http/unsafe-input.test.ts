import { maxJsonDepth } from '../../src/http/refuse-unsafe-input';
import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

const accountPath = (path: string) => `/api/v1/accounts/${fixture.accountId}${path}`;

/** An object nested `depth` levels deep under `value`. */
const nested = (depth: number): Record<string, unknown> => {
  let value: Record<string, unknown> = { leaf: 'x' };
  for (let level = 1; level < depth; level++) value = { level: value };
  return value;
};

test('a NUL character in a body text is a 422 naming the field, and nothing is stored', async () => {
  const response = await server.request('POST', accountPath('/teams'), {
    token: fixture.admin.token,
    body: { name: 'a\u0000b' },
  });
  expect(response.status).toBe(422);
  expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', attributes: ['name'] });
  const teams = await server.request('GET', accountPath('/teams'), { token: fixture.admin.token });
  expect(teams.body).toEqual([]);
});

test('a NUL character deep in a free-form object, or in one of its keys, is named by its place', async () => {
  const inValue = await server.request('POST', accountPath('/contacts'), {
    token: fixture.admin.token,
    body: { name: 'Ana', custom_attributes: { notes: ['fine', 'bad\u0000'] } },
  });
  expect(inValue.status).toBe(422);
  expect(inValue.body.attributes).toEqual(['custom_attributes.notes.1']);
  const inKey = await server.request('POST', accountPath('/contacts'), {
    token: fixture.admin.token,
    body: { name: 'Ana', additional_attributes: { 'ci\u0000ty': 'Lisbon' } },
  });
  expect(inKey.status).toBe(422);
  expect(inKey.body.attributes).toEqual(['additional_attributes']);
});

test('a NUL character in the query is a 422 naming the parameter, on open and account routes alike', async () => {
  const login = await server.request('GET', '/app/login?email=a%00b&sso_auth_token=abc');
  expect(login.status).toBe(422);
  expect(login.body.attributes).toEqual(['email']);
  const search = await server.request('GET', accountPath('/contacts/search?q=ab%00cd'), { token: fixture.admin.token });
  expect(search.status).toBe(422);
  expect(search.body.attributes).toEqual(['q']);
});

test('a NUL character in the path is a 422', async () => {
  const response = await server.request('GET', accountPath('/teams/1%00'), { token: fixture.admin.token });
  expect(response.status).toBe(422);
  expect(response.body.attributes).toEqual(['path']);
});

test(`a body nested deeper than ${maxJsonDepth} levels is a 422 naming the field; up to the limit it is stored`, async () => {
  // Written as text: serialising 5,000 levels would overflow the test's own stack.
  const levels = 5000;
  const tooDeep = await server.request('POST', accountPath('/contacts'), {
    token: fixture.admin.token,
    rawBody: `{"name":"Deep","custom_attributes":${'{"level":'.repeat(levels)}{}${'}'.repeat(levels)}}`,
  });
  expect(tooDeep.status).toBe(422);
  expect(tooDeep.body.attributes).toEqual([`custom_attributes${'.level'.repeat(maxJsonDepth - 1)}`]);
  const deepEnough = await server.request('POST', accountPath('/contacts'), {
    token: fixture.admin.token,
    body: { name: 'Deep enough', email: 'deep@example.com', custom_attributes: nested(maxJsonDepth - 1) },
  });
  expect(deepEnough.status).toBe(200);
  expect(deepEnough.body.payload.contact.custom_attributes).toEqual(nested(maxJsonDepth - 1));
});

test('an infinite number in the path or the query is a 422 naming the parameter', async () => {
  const inPath = await server.request('GET', accountPath('/teams/1e309'), { token: fixture.admin.token });
  expect(inPath.status).toBe(422);
  expect(inPath.body).toMatchObject({ code: 'VALIDATION_FAILED', attributes: ['team_id'] });
  // Listing agents refuses nothing else in its input: its spec must still list the 422, or the test server's
  // response validation turns the answer into a 500.
  const account = await server.request('GET', '/api/v1/accounts/-Infinity/agents', { token: fixture.admin.token });
  expect(account.status).toBe(422);
  expect(account.body.attributes).toEqual(['account_id']);
  const inQuery = await server.request('GET', accountPath('/contacts?page=Infinity'), { token: fixture.admin.token });
  expect(inQuery.status).toBe(422);
  expect(inQuery.body.attributes).toEqual(['page']);
});

test('an unpaired surrogate in a body text or key is a 422 naming the field; a paired one is stored', async () => {
  const filter = await server.request('POST', accountPath('/custom_filters'), {
    token: fixture.admin.token,
    body: { name: 'Open', filter_type: 'contact', query: { payload: [] } },
  });
  expect(filter.status).toBe(200);
  const inText = await server.request('PATCH', accountPath(`/custom_filters/${filter.body.id}`), {
    token: fixture.admin.token,
    body: { name: 'Open \ud800' },
  });
  expect(inText.status).toBe(422);
  expect(inText.body).toMatchObject({ code: 'VALIDATION_FAILED', attributes: ['name'] });
  const inKey = await server.request('POST', accountPath('/contacts'), {
    token: fixture.admin.token,
    body: { name: 'Ana', custom_attributes: { 'plan\udfff': 'gold' } },
  });
  expect(inKey.status).toBe(422);
  expect(inKey.body.attributes).toEqual(['custom_attributes']);
  const paired = await server.request('PATCH', accountPath(`/custom_filters/${filter.body.id}`), {
    token: fixture.admin.token,
    body: { name: 'Open 😀' },
  });
  expect(paired.status).toBe(200);
  expect(paired.body.name).toBe('Open 😀');
});
