import { startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.createPlatformApp();
});
afterAll(() => server.close());

test('a trailing slash reaches the same operation', async () => {
  const response = await server.request('POST', '/platform/api/v1/accounts/', { token, body: { name: 'Slash' } });
  expect(response.status).toBe(200);
  const fetched = await server.request('GET', `/platform/api/v1/accounts/${response.body.id}/?x=1`, { token });
  expect(fetched.status).toBe(200);
  expect(fetched.body.name).toBe('Slash');
});

test.each(['application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8'])(
  'accepts a JSON body sent as %s',
  async (contentType) => {
    const response = await server.request('POST', '/platform/api/v1/accounts', {
      token,
      rawBody: JSON.stringify({ name: 'Charset' }),
      headers: { 'content-type': contentType },
    });
    expect(response.status).toBe(200);
    expect(response.body.name).toBe('Charset');
  },
);

test('malformed JSON is a 400 with a JSON error', async () => {
  const response = await server.request('POST', '/platform/api/v1/accounts', { token, rawBody: '{"name": ' });
  expect(response.status).toBe(400);
  expect(response.body).toEqual({ error: 'The request body is not valid JSON', code: 'MALFORMED_JSON' });
});

test('a body past the size limit is a 413 and creates nothing', async () => {
  const response = await server.request('POST', '/platform/api/v1/accounts', {
    token,
    body: { name: 'Huge', custom_attributes: { blob: 'x'.repeat(1_100_000) } },
  });
  expect(response.status).toBe(413);
  expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  expect(await server.db('accounts').where({ name: 'Huge' }).first()).toBeUndefined();
});

test('a body that is not JSON is refused with a JSON error', async () => {
  const response = await server.request('POST', '/platform/api/v1/accounts', {
    token,
    rawBody: 'name=Form',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(response.status).toBe(415);
  expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
});

test('a missing body is refused with a JSON error', async () => {
  const response = await server.request('POST', '/platform/api/v1/accounts', { token });
  expect(response.status).toBe(415);
  expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
});

test('an unknown route is a 404 with a JSON error', async () => {
  const response = await server.request('GET', '/api/v1/nothing-here');
  expect(response.status).toBe(404);
  expect(response.body).toEqual({ error: 'No route matches this path', code: 'ROUTE_NOT_FOUND' });
});

test('a known path with an unknown method is a 405 with a JSON error', async () => {
  const response = await server.request('PUT', '/platform/api/v1/accounts', { token, body: {} });
  expect(response.status).toBe(405);
  expect(response.body.code).toBe('METHOD_NOT_ALLOWED');
});

test.each([
  ['DELETE', '/platform/api/v1/agent_bots', 'GET, POST'],
  ['PUT', '/platform/api/v1/accounts', 'POST'],
  ['POST', '/api/v1/accounts/1/agents/2', 'PATCH, DELETE'],
  ['DELETE', '/app/login/', 'GET'],
  // The path resolves to `/contacts/search`, a fixed segment winning over `/contacts/{id}`: only its GET is routed.
  ['PATCH', '/api/v1/accounts/1/contacts/search', 'GET'],
])('a %s of %s is a 405 whose Allow names the methods the spec defines there: %s', async (method, path, allow) => {
  const response = await server.request(method, path, { token, body: {} });
  expect(response.status).toBe(405);
  expect(response.headers.get('allow')).toBe(allow);
  expect(response.body).toEqual({ error: 'This path does not accept this method', code: 'METHOD_NOT_ALLOWED' });
});

test('a 404 carries no Allow', async () => {
  const response = await server.request('DELETE', '/api/v1/nothing-here');
  expect(response.status).toBe(404);
  expect(response.headers.get('allow')).toBeNull();
});

test('every response carries a request id, the caller’s when it sends a sane one', async () => {
  const generated = await server.request('GET', '/health');
  expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  const echoed = await server.request('GET', '/health', { headers: { 'x-request-id': 'trace-123' } });
  expect(echoed.headers.get('x-request-id')).toBe('trace-123');
  const replaced = await server.request('GET', '/health', { headers: { 'x-request-id': 'bad id with spaces' } });
  expect(replaced.headers.get('x-request-id')).not.toBe('bad id with spaces');
});
