import { startTestServer, type TestServer } from '@inquirly/server/testing';
import { createInquirlyClient, InquirlyApiError, type InquirlyClient, type Schemas, unwrap } from '../src';

/** The client against the real server: a platform app provisions an account and a user, who then reads its profile. */
let server: TestServer;
let platform: InquirlyClient;

beforeAll(async () => {
  server = await startTestServer();
  platform = createInquirlyClient({ baseUrl: server.url, token: await server.createPlatformApp('Client tests') });
});
afterAll(() => server.close());

/** Runs `call` and returns what it threw, failing the test when it resolves or throws anything but an API error. */
async function apiErrorOf(call: Promise<unknown>): Promise<InquirlyApiError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InquirlyApiError);
  return error as InquirlyApiError;
}

describe('the platform and application APIs through the client', () => {
  it('provisions an account and a user, and the user reads their profile with their own token', async () => {
    const account = await unwrap(platform.POST('/platform/api/v1/accounts', { body: { name: 'Acme Support' } }));
    expect(account).toMatchObject({ name: 'Acme Support', locale: 'en', status: 'active' });

    const user: Schemas['User'] = await unwrap(
      platform.POST('/platform/api/v1/users', { body: { name: 'Jane Doe', email: 'jane@acme.example' } }),
    );
    expect(user).toMatchObject({ name: 'Jane Doe', email: 'jane@acme.example' });

    const membership = await unwrap(
      platform.POST('/platform/api/v1/accounts/{account_id}/account_users', {
        params: { path: { account_id: account.id } },
        body: { user_id: user.id, role: 'administrator' },
      }),
    );
    expect(membership).toMatchObject({ account_id: account.id, user_id: user.id, role: 'administrator' });

    const members = await unwrap(
      platform.GET('/platform/api/v1/accounts/{account_id}/account_users', {
        params: { path: { account_id: account.id } },
      }),
    );
    expect(members.map((member) => member.user_id)).toEqual([user.id]);

    const asUser = createInquirlyClient({ baseUrl: server.url, token: user.access_token });
    const profile = await unwrap(asUser.GET('/api/v1/profile'));
    expect(profile).toMatchObject({ id: user.id, email: 'jane@acme.example', account_id: account.id });
    expect(profile.accounts).toEqual([expect.objectContaining({ id: account.id, role: 'administrator' })]);
  });

  it('resolves operations without a response body to undefined', async () => {
    const account = await unwrap(platform.POST('/platform/api/v1/accounts', { body: { name: 'Short-lived' } }));
    const params = { path: { account_id: account.id } };

    const deleted: undefined = await unwrap(platform.DELETE('/platform/api/v1/accounts/{account_id}', { params }));
    expect(deleted).toBeUndefined();
    expect((await apiErrorOf(unwrap(platform.GET('/platform/api/v1/accounts/{account_id}', { params })))).status).toBe(
      404,
    );
  });
});

describe('errors', () => {
  it('throws a 401 without a token', async () => {
    const anonymous = createInquirlyClient({ baseUrl: server.url });
    const error = await apiErrorOf(unwrap(anonymous.GET('/api/v1/profile')));
    expect(error).toMatchObject({ name: 'InquirlyApiError', status: 401, attributes: [] });
    expect(error.code).toEqual(expect.any(String));
    expect(error.message).toBe((error.body as Schemas['Error']).error);
  });

  it('throws a 401 with a wrong token', async () => {
    const stranger = createInquirlyClient({ baseUrl: server.url, token: 'not-a-real-token' });
    const error = await apiErrorOf(unwrap(stranger.POST('/platform/api/v1/accounts', { body: { name: 'Nope' } })));
    expect(error.status).toBe(401);
    expect(error.body).toEqual({ error: error.message, code: error.code });
  });

  it('throws a 404 for an unknown id', async () => {
    const error = await apiErrorOf(
      unwrap(platform.GET('/platform/api/v1/users/{id}', { params: { path: { id: 999_999 } } })),
    );
    expect(error).toMatchObject({ status: 404, code: 'RESOURCE_NOT_FOUND' });
  });

  it('throws a 422 naming the invalid fields', async () => {
    // @ts-expect-error `name` is required; the server must reject the body that the types already refuse.
    const error = await apiErrorOf(unwrap(platform.POST('/platform/api/v1/accounts', { body: {} })));
    expect(error.status).toBe(422);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.attributes).toContain('name');
    expect(error.message).toBe((error.body as Schemas['ValidationError']).message);
  });
});

describe('options', () => {
  it('sends every request through the given fetch, with the token header set', async () => {
    const seen: Request[] = [];
    const client = createInquirlyClient({
      baseUrl: server.url,
      token: 'recorded-token',
      fetch: (request) => {
        seen.push(request);
        return Promise.resolve(Response.json({ status: 'ok', database: 'up' }));
      },
    });

    await expect(unwrap(client.GET('/health'))).resolves.toEqual({ status: 'ok', database: 'up' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(`${server.url}/health`);
    expect(seen[0]!.headers.get('api_access_token')).toBe('recorded-token');
  });

  it('sends no token header when no token is given', async () => {
    const seen: Request[] = [];
    const client = createInquirlyClient({
      baseUrl: server.url,
      fetch: (request) => {
        seen.push(request);
        return fetch(request);
      },
    });

    await expect(unwrap(client.GET('/health'))).resolves.toMatchObject({ status: 'ok' });
    expect(seen[0]!.headers.has('api_access_token')).toBe(false);
  });
});
