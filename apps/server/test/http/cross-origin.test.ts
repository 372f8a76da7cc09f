import { startTestServer, type TestServer } from '../../src/testing';

const allowedOrigin = 'https://desk.example.com';
const otherOrigin = 'https://elsewhere.example.net';

const preflight = (origin: string, method = 'POST') => ({
  headers: {
    origin,
    'access-control-request-method': method,
    'access-control-request-headers': 'api_access_token, content-type',
  },
});

describe('with CORS_ORIGINS set', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ app: { corsOrigins: [allowedOrigin, 'http://localhost:5173'] } });
    token = await server.createPlatformApp();
  });
  afterAll(() => server.close());

  test.each(['/platform/api/v1/accounts', '/api/v1/accounts/1/contacts'])(
    'a preflight from a listed origin to %s is a 204 naming the methods and the token headers',
    async (path) => {
      const response = await server.request('OPTIONS', path, preflight(allowedOrigin));
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
      expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,PATCH,DELETE');
      const allowedHeaders = response.headers.get('access-control-allow-headers')?.toLowerCase().split(',');
      expect(allowedHeaders).toEqual(expect.arrayContaining(['api_access_token', 'authorization', 'content-type']));
      expect(response.headers.get('vary')).toMatch(/Origin/);
    },
  );

  test('a request from a listed origin is answered with its origin allowed, errors included', async () => {
    const created = await server.request('POST', '/platform/api/v1/accounts', {
      token,
      body: { name: 'Cross origin' },
      headers: { origin: allowedOrigin },
    });
    expect(created.status).toBe(200);
    expect(created.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(created.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/);
    const refused = await server.request('GET', '/api/v1/profile', {
      token: 'not-a-token',
      headers: { origin: allowedOrigin },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
  });

  test('an origin not listed gets no CORS headers, on a preflight or a request', async () => {
    const refusedPreflight = await server.request('OPTIONS', '/platform/api/v1/accounts', preflight(otherOrigin));
    expect(refusedPreflight.status).not.toBe(204);
    for (const header of ['allow-origin', 'allow-methods', 'allow-headers']) {
      expect(refusedPreflight.headers.get(`access-control-${header}`)).toBeNull();
    }
    const request = await server.request('POST', '/platform/api/v1/accounts', {
      token,
      body: { name: 'Elsewhere' },
      headers: { origin: otherOrigin },
    });
    expect(request.status).toBe(200);
    expect(request.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('paths outside the APIs get no CORS headers', async () => {
    const response = await server.request('OPTIONS', '/health', preflight(allowedOrigin, 'GET'));
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('without CORS_ORIGINS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  test('no origin gets CORS headers from the application and platform APIs', async () => {
    for (const path of ['/platform/api/v1/accounts', '/api/v1/profile']) {
      const response = await server.request('OPTIONS', path, preflight(allowedOrigin));
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-methods')).toBeNull();
      const request = await server.request('GET', path, { headers: { origin: allowedOrigin } });
      expect(request.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  test('the client API answers a preflight from any origin', async () => {
    const response = await server.request('OPTIONS', '/public/api/v1/inboxes/abc/contacts', preflight(otherOrigin));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    const request = await server.request('GET', '/public/api/v1/inboxes/abc', { headers: { origin: otherOrigin } });
    expect(request.headers.get('access-control-allow-origin')).toBe('*');
  });
});
