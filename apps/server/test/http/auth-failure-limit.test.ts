import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AuthFailureLimit } from '../../src/http/auth-failure-limit';
import { type RequestOptions, startTestServer, type TestServer } from '../../src/testing';

/** Each test fails from an address of its own, through the proxy header the app trusts from loopback. */
let addressCount = 0;
const nextAddress = () => `203.0.113.${++addressCount}`;

const from = (address: string, options: RequestOptions = {}): RequestOptions => ({
  ...options,
  headers: { ...options.headers, 'x-forwarded-for': address },
});

describe('counted in memory', () => {
  let server: TestServer;
  let platformToken: string;
  beforeAll(async () => {
    server = await startTestServer({ app: { authFailureLimit: { limit: 3, windowSeconds: 60 } } });
    platformToken = await server.createPlatformApp();
  });
  afterAll(() => server.close());

  test('past the limit of failed tokens an address gets a JSON 429 with Retry-After, good token or not', async () => {
    const address = nextAddress();
    for (let attempt = 0; attempt < 3; attempt++) {
      const refused = await server.request('GET', '/platform/api/v1/accounts/1', from(address, { token: 'guess' }));
      expect(refused.status).toBe(401);
    }
    const blocked = await server.request('POST', '/platform/api/v1/accounts', {
      ...from(address, { token: platformToken }),
      body: { name: 'Blocked' },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({
      error: 'Too many failed authentication attempts from this address; retry after the time in Retry-After',
      code: 'TOO_MANY_AUTH_FAILURES',
    });
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await server.db('accounts').where({ name: 'Blocked' }).first()).toBeUndefined();

    const elsewhere = await server.request('GET', '/api/v1/profile', from(nextAddress(), { token: 'guess' }));
    expect(elsewhere.status).toBe(401);
  });

  test('a blocked address is refused before its token is looked up', async () => {
    const address = nextAddress();
    for (let attempt = 0; attempt < 3; attempt++) {
      await server.request('GET', '/api/v1/profile', from(address, { headers: { authorization: 'Bearer guess' } }));
    }
    const lookup = jest.spyOn(server.services.callers, 'lookup');
    try {
      const blocked = await server.request('GET', '/api/v1/profile', from(address, { token: platformToken }));
      expect(blocked.status).toBe(429);
      expect(lookup).not.toHaveBeenCalled();
    } finally {
      lookup.mockRestore();
    }
  });

  test('failed sign-in links count', async () => {
    const address = nextAddress();
    const link = '/app/login?email=nobody%40example.com&sso_auth_token=guess';
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await server.request('GET', link, from(address))).body.code).toBe('INVALID_SSO_LINK');
    }
    expect((await server.request('GET', link, from(address))).status).toBe(429);
  });

  test('requests that succeed, carry no token, use a valid token on the wrong API or fail otherwise do not count', async () => {
    const address = nextAddress();
    for (let attempt = 0; attempt < 5; attempt++) {
      const found = await server.request('GET', '/platform/api/v1/agent_bots', from(address, { token: platformToken }));
      expect(found.status).toBe(200);
      const missing = await server.request(
        'GET',
        '/platform/api/v1/users/999999',
        from(address, { token: platformToken }),
      );
      expect(missing.status).toBe(404);
      const invalid = await server.request('POST', '/platform/api/v1/accounts', {
        ...from(address, { token: platformToken }),
        body: { name: 7 },
      });
      expect(invalid.status).toBe(422);
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const withoutToken = await server.request('GET', '/api/v1/profile', from(address));
      expect(withoutToken.status).toBe(401);
      const tokenOfAnotherApi = await server.request('GET', '/api/v1/profile', from(address, { token: platformToken }));
      expect(tokenOfAnotherApi.status).toBe(401);
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      expect((await server.request('GET', '/api/v1/profile', from(address, { token: 'guess' }))).status).toBe(401);
    }
    const created = await server.request('POST', '/platform/api/v1/accounts', {
      ...from(address, { token: platformToken }),
      body: { name: 'Still allowed' },
    });
    expect(created.status).toBe(200);
  });
});

test('an address is allowed again once its window ends', async () => {
  const server = await startTestServer({ app: { authFailureLimit: { limit: 1, windowSeconds: 1 } } });
  try {
    const address = nextAddress();
    expect((await server.request('GET', '/api/v1/profile', from(address, { token: 'guess' }))).status).toBe(401);
    expect((await server.request('GET', '/api/v1/profile', from(address, { token: 'guess' }))).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await server.request('GET', '/api/v1/profile', from(address, { token: 'guess' }))).status).toBe(401);
  } finally {
    await server.close();
  }
});

describe('shared through Redis', () => {
  const keyPrefix = `inquirly-test:auth-failures:${randomBytes(6).toString('hex')}`;
  const clients: Redis[] = [];
  const servers: TestServer[] = [];

  async function serverOnRedis(): Promise<TestServer> {
    const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', {
      lazyConnect: true,
      enableOfflineQueue: false,
    });
    clients.push(redis);
    await redis.connect();
    const authFailureLimit: AuthFailureLimit = { limit: 4, windowSeconds: 60, redis, keyPrefix };
    const server = await startTestServer({ app: { authFailureLimit } });
    servers.push(server);
    return server;
  }

  afterAll(async () => {
    const [redis] = clients;
    const keys = (await redis?.keys(`${keyPrefix}*`)) ?? [];
    if (keys.length > 0) await redis?.del(...keys);
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all(clients.map((client) => client.quit()));
  });

  test('two API processes count the failures of an address together', async () => {
    const first = await serverOnRedis();
    const second = await serverOnRedis();
    const address = nextAddress();
    for (const server of [first, second, first, second]) {
      expect((await server.request('GET', '/api/v1/profile', from(address, { token: 'guess' }))).status).toBe(401);
    }
    for (const server of [first, second]) {
      const blocked = await server.request('GET', '/api/v1/profile', from(address, { token: 'guess' }));
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await second.request('GET', '/api/v1/profile', from(nextAddress(), { token: 'guess' }))).status).toBe(401);
  });
});
