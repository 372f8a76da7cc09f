import { manualClock, startTestServer, type TestServer } from '../../src/testing';

const clock = manualClock();
let server: TestServer;
let token: string;
let user: { id: number; email: string; access_token: string };
beforeAll(async () => {
  server = await startTestServer({ clock });
  token = await server.createPlatformApp();
  user = (
    await server.request('POST', '/platform/api/v1/users', { token, body: { name: 'Sso', email: 'sso@example.com' } })
  ).body;
});
afterAll(() => server.close());

async function issueLink(): Promise<URL> {
  const response = await server.request('GET', `/platform/api/v1/users/${user.id}/login`, { token });
  expect(response.status).toBe(200);
  return new URL(response.body.url);
}

/** Opens the link on the test server, whatever origin it names. */
const open = (link: URL) => server.request('GET', `${link.pathname}${link.search}`);

test('the link names this server, the email and a token', async () => {
  const link = await issueLink();
  expect(link.origin).toBe(server.url);
  expect(link.pathname).toBe('/app/login');
  expect(link.searchParams.get('email')).toBe('sso@example.com');
  expect(link.searchParams.get('sso_auth_token')).toMatch(/^[0-9a-f]{64}$/);
});

test('opening the link signs the user in with a session', async () => {
  const response = await open(await issueLink());
  expect(response.status).toBe(200);
  expect(response.body.data).toMatchObject({ id: user.id, email: 'sso@example.com', access_token: user.access_token });
  const profile = await server.request('GET', '/api/v1/profile', { token: response.body.data.access_token });
  expect(profile.status).toBe(200);
});

test('the link works only once', async () => {
  const link = await issueLink();
  expect((await open(link)).status).toBe(200);
  const again = await open(link);
  expect(again.status).toBe(401);
  expect(again.body.code).toBe('INVALID_SSO_LINK');
});

test('the link expires after five minutes', async () => {
  const fresh = await issueLink();
  const stale = await issueLink();
  clock.advance(4 * 60);
  expect((await open(fresh)).status).toBe(200);
  clock.advance(61);
  expect((await open(stale)).status).toBe(401);
});

test("the token does not sign in another user's email", async () => {
  await server.request('POST', '/platform/api/v1/users', {
    token,
    body: { name: 'Other', email: 'other@example.com' },
  });
  const link = await issueLink();
  link.searchParams.set('email', 'other@example.com');
  expect((await open(link)).status).toBe(401);
});

test('a request without the token names it', async () => {
  const response = await server.request('GET', '/app/login?email=sso%40example.com');
  expect(response.status).toBe(422);
  expect(response.body.attributes).toEqual(['sso_auth_token']);
});
