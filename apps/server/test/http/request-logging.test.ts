import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { startTestServer, type TestServer } from '../../src/testing';

const secret = 'c0ffee5ecret';
const lines: string[] = [];
const destination = new Writable({
  write(chunk: Buffer, _encoding, callback) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  },
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ logger: createLogger('info', destination) });
});
afterAll(() => server.close());
beforeEach(() => {
  lines.length = 0;
});

/** The request's log lines, once the one that closes it is written. */
async function logOf(requestId: string): Promise<string[]> {
  const mine = () => lines.filter((line) => line.includes(requestId));
  for (let attempt = 0; attempt < 50 && !mine().some((line) => line.includes('"res"')); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return mine();
}

test('the token headers are logged redacted', async () => {
  await server.request('GET', '/api/v1/profile', { token: secret, headers: { 'x-request-id': 'headers-1' } });
  await server.request('GET', '/api/v1/profile', {
    headers: { authorization: `Bearer ${secret}`, cookie: `session=${secret}`, 'x-request-id': 'headers-2' },
  });
  const logged = [...(await logOf('headers-1')), ...(await logOf('headers-2'))];
  expect(logged.length).toBeGreaterThan(1);
  expect(logged.join('\n')).not.toContain(secret);
  expect(logged.join('\n')).toContain('[Redacted]');
});

test.each([
  `/app/login?email=agent%40example.com&sso_auth_token=${secret}`,
  `/api/v1/profile?api_access_token=${secret}`,
  `/api/v1/profile?token=${secret}&page=2`,
  `/api/v1/profile?page=2&access%5Ftoken=${secret}`,
])('a token in the query string of %s is logged redacted, the rest of the URL as sent', async (url) => {
  await server.request('GET', url, { headers: { 'x-request-id': 'query' } });
  const logged = await logOf('query');
  expect(logged.length).toBeGreaterThan(0);
  expect(logged.join('\n')).not.toContain(secret);
  const request = JSON.parse(logged.at(-1) as string).req;
  expect(request.url).toBe(url.replace(secret, '[Redacted]'));
});

test('the query parameters that carry no secret are logged as sent', async () => {
  await server.request('GET', '/api/v1/accounts/1/contacts/search?q=ada&page=2', {
    headers: { 'x-request-id': 'plain' },
  });
  const request = JSON.parse((await logOf('plain')).at(-1) as string).req;
  expect(request.url).toBe('/api/v1/accounts/1/contacts/search?q=ada&page=2');
  expect(request.query).toEqual({ q: 'ada', page: '2' });
});
