import { startTestServer, type TestServer } from '@inquirly/server/testing';
import { QueryClient } from '@tanstack/react-query';
import { createInquirlyClient, InquirlyApiError, type InquirlyClient, type Schemas, unwrap } from '../src';
import { createInquirlyQueryHooks, type InquirlyQueryHooks } from '../src/react';
import { accountWithAdministrator } from './account-with-administrator';

/**
 * The TanStack Query hooks against a real server, through `queryOptions` and a QueryClient (the hooks themselves need
 * a rendered component): typed data, keys that keep accounts apart, and failures as InquirlyApiError. The
 * `@ts-expect-error` lines are proven by the typecheck.
 */
let server: TestServer;
let queryClient: QueryClient;
const accounts: { accountId: number; admin: InquirlyClient; hooks: InquirlyQueryHooks }[] = [];
let openConversationId: number;

beforeAll(async () => {
  server = await startTestServer();
  for (const name of ['Busy', 'Quiet']) {
    const { accountId, admin } = await accountWithAdministrator(server, name, `ada@${name.toLowerCase()}.example`);
    accounts.push({ accountId, admin, hooks: createInquirlyQueryHooks(admin) });
  }
  const [busy] = accounts;
  if (!busy) throw new Error('the accounts were not created');
  const inBusy = { path: { account_id: busy.accountId } };
  const inbox = await unwrap(
    busy.admin.POST('/api/v1/accounts/{account_id}/inboxes', {
      params: inBusy,
      body: { name: 'API', channel: { type: 'api' } },
    }),
  );
  const contact = await unwrap(
    busy.admin.POST('/api/v1/accounts/{account_id}/contacts', { params: inBusy, body: { name: 'Nina Customer' } }),
  );
  const conversation = await unwrap(
    busy.admin.POST('/api/v1/accounts/{account_id}/conversations', {
      params: inBusy,
      body: { inbox_id: inbox.id, contact_id: contact.payload.contact.id },
    }),
  );
  openConversationId = conversation.id;
}, 30_000);
afterAll(() => server.close());
beforeEach(() => {
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
});
afterEach(() => queryClient.clear());

function accountAt(index: number) {
  const account = accounts[index];
  if (!account) throw new Error(`no account ${index}`);
  return account;
}

it('fetches typed data', async () => {
  const { hooks } = accountAt(0);
  const profile: Schemas['User'] = await queryClient.fetchQuery(hooks.queryOptions('get', '/api/v1/profile'));
  expect(profile.email).toBe('ada@busy.example');
});

it("keys a query by method, path and parameters, so two accounts' lists are cached apart", async () => {
  const listOf = ({ accountId, hooks }: ReturnType<typeof accountAt>) =>
    hooks.queryOptions('get', '/api/v1/accounts/{account_id}/conversations', {
      params: { path: { account_id: accountId }, query: { status: 'open' } },
    });
  const busy = listOf(accountAt(0));
  const quiet = listOf(accountAt(1));
  expect(busy.queryKey).toEqual([
    'get',
    '/api/v1/accounts/{account_id}/conversations',
    { params: { path: { account_id: accountAt(0).accountId }, query: { status: 'open' } } },
  ]);

  const busyList = await queryClient.fetchQuery(busy);
  const quietList = await queryClient.fetchQuery(quiet);
  expect(busyList.data.payload.map((conversation) => conversation.id)).toEqual([openConversationId]);
  expect(quietList.data.payload).toEqual([]);
  expect(queryClient.getQueryData(busy.queryKey)).toBe(busyList);
  expect(queryClient.getQueryData(quiet.queryKey)).toBe(quietList);
});

describe('errors', () => {
  it('rejects with an InquirlyApiError for a refused request', async () => {
    const stranger = createInquirlyQueryHooks(createInquirlyClient({ baseUrl: server.url, token: 'not-a-real-token' }));
    const refusal = queryClient.fetchQuery(stranger.queryOptions('get', '/api/v1/profile'));
    await expect(refusal).rejects.toBeInstanceOf(InquirlyApiError);
    await expect(refusal).rejects.toMatchObject({ status: 401, code: 'INVALID_ACCESS_TOKEN' });
    expect(queryClient.getQueryState(['get', '/api/v1/profile'])?.error).toBeInstanceOf(InquirlyApiError);
  });

  it("rejects with fetch's own error when the server cannot be reached", async () => {
    const unreachable = createInquirlyQueryHooks(createInquirlyClient({ baseUrl: 'http://127.0.0.1:9' }));
    const failure = await new QueryClient({ defaultOptions: { queries: { retry: false } } })
      .fetchQuery(unreachable.queryOptions('get', '/api/v1/profile'))
      .catch((error: unknown) => error);
    // fetch's TypeError comes from Node.js's own realm, not the test's, so it is recognised by its name.
    expect(failure).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect(failure).not.toBeInstanceOf(InquirlyApiError);
  });

  it('rejects for an error answer without a body, rather than resolving without data', async () => {
    const behindProxy = createInquirlyQueryHooks(
      createInquirlyClient({
        baseUrl: 'http://127.0.0.1:9',
        fetch: () => Promise.resolve(new Response(null, { status: 503 })),
      }),
    );
    await expect(queryClient.fetchQuery(behindProxy.queryOptions('get', '/api/v1/profile'))).rejects.toMatchObject({
      name: 'InquirlyApiError',
      status: 503,
      message: 'Request failed with status 503',
    });
  });
});

describe('types', () => {
  it('accepts only the paths and parameters of the spec, and types errors as InquirlyApiError', () => {
    const { hooks, accountId } = accountAt(0);
    // @ts-expect-error there is no such path
    hooks.queryOptions('get', '/api/v1/not_a_resource', {});
    // @ts-expect-error the profile is read with GET, not DELETE
    hooks.queryOptions('delete', '/api/v1/profile', {});
    // @ts-expect-error the path parameter `account_id` is required
    hooks.queryOptions('get', '/api/v1/accounts/{account_id}/conversations', { params: { path: {} } });
    hooks.queryOptions('get', '/api/v1/accounts/{account_id}/conversations', {
      // @ts-expect-error `closed` is not a conversation status
      params: { path: { account_id: accountId }, query: { status: 'closed' } },
    });

    const options = hooks.queryOptions('get', '/api/v1/profile', undefined, {
      throwOnError: (error) => {
        // @ts-expect-error a request that got no answer fails with fetch's own error, which has no status
        void error.status;
        if (!(error instanceof InquirlyApiError)) return true;
        // @ts-expect-error no error code is spelt this way
        return error.code === 'NOT_A_CODE';
      },
    });
    expect(options.queryKey).toEqual(['get', '/api/v1/profile']);
  });
});
