import { startTestServer, type TestServer } from '../../src/testing';

/**
 * The access rules every platform operation shares: a platform-app token is required, other token kinds are refused,
 * another app's objects are out of reach (401), and unknown ids are 404.
 */
let server: TestServer;
let ownToken: string;
let otherToken: string;
let userToken: string;
let botToken: string;
let ids: { account: number; user: number; bot: number };
let otherIds: { account: number; user: number; bot: number };

async function provision(token: string, tag: string) {
  const account = await server.request('POST', '/platform/api/v1/accounts', {
    token,
    body: { name: `Account ${tag}` },
  });
  const user = await server.request('POST', '/platform/api/v1/users', {
    token,
    body: { name: `User ${tag}`, email: `user-${tag}@example.com` },
  });
  const bot = await server.request('POST', '/platform/api/v1/agent_bots', { token, body: { name: `Bot ${tag}` } });
  await server.request('POST', `/platform/api/v1/accounts/${account.body.id}/account_users`, {
    token,
    body: { user_id: user.body.id, role: 'agent' },
  });
  return {
    ids: { account: account.body.id as number, user: user.body.id as number, bot: bot.body.id as number },
    userToken: user.body.access_token as string,
    botToken: bot.body.access_token as string,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  ownToken = await server.createPlatformApp('Own app');
  otherToken = await server.createPlatformApp('Other app');
  const own = await provision(ownToken, 'own');
  const other = await provision(otherToken, 'other');
  ids = own.ids;
  otherIds = other.ids;
  userToken = own.userToken;
  botToken = own.botToken;
});
afterAll(() => server.close());

interface OperationCase {
  operationId: string;
  method: string;
  path: (target: { account: number; user: number; bot: number }) => string;
  body?: (target: { account: number; user: number; bot: number }) => unknown;
  /** Whether the operation addresses one object, so that another app's object and unknown ids apply. */
  addressesObject: boolean;
}

const cases: OperationCase[] = [
  {
    operationId: 'platformCreateAccount',
    method: 'POST',
    path: () => '/platform/api/v1/accounts',
    body: () => ({ name: 'New' }),
    addressesObject: false,
  },
  {
    operationId: 'platformGetAccount',
    method: 'GET',
    path: (t) => `/platform/api/v1/accounts/${t.account}`,
    addressesObject: true,
  },
  {
    operationId: 'platformUpdateAccount',
    method: 'PATCH',
    path: (t) => `/platform/api/v1/accounts/${t.account}`,
    body: () => ({ name: 'Renamed' }),
    addressesObject: true,
  },
  {
    operationId: 'platformListAccountUsers',
    method: 'GET',
    path: (t) => `/platform/api/v1/accounts/${t.account}/account_users`,
    addressesObject: true,
  },
  {
    operationId: 'platformCreateAccountUser',
    method: 'POST',
    path: (t) => `/platform/api/v1/accounts/${t.account}/account_users`,
    body: (t) => ({ user_id: t.user, role: 'administrator' }),
    addressesObject: true,
  },
  {
    operationId: 'platformDeleteAccountUser',
    method: 'DELETE',
    path: (t) => `/platform/api/v1/accounts/${t.account}/account_users`,
    body: (t) => ({ user_id: t.user }),
    addressesObject: true,
  },
  {
    operationId: 'platformListAgentBots',
    method: 'GET',
    path: () => '/platform/api/v1/agent_bots',
    addressesObject: false,
  },
  {
    operationId: 'platformCreateAgentBot',
    method: 'POST',
    path: () => '/platform/api/v1/agent_bots',
    body: () => ({ name: 'New bot' }),
    addressesObject: false,
  },
  {
    operationId: 'platformGetAgentBot',
    method: 'GET',
    path: (t) => `/platform/api/v1/agent_bots/${t.bot}`,
    addressesObject: true,
  },
  {
    operationId: 'platformUpdateAgentBot',
    method: 'PATCH',
    path: (t) => `/platform/api/v1/agent_bots/${t.bot}`,
    body: () => ({ name: 'Renamed bot' }),
    addressesObject: true,
  },
  {
    operationId: 'platformCreateUser',
    method: 'POST',
    path: () => '/platform/api/v1/users',
    body: () => ({ name: 'Someone', email: 'someone@example.com' }),
    addressesObject: false,
  },
  {
    operationId: 'platformGetUser',
    method: 'GET',
    path: (t) => `/platform/api/v1/users/${t.user}`,
    addressesObject: true,
  },
  {
    operationId: 'platformUpdateUser',
    method: 'PATCH',
    path: (t) => `/platform/api/v1/users/${t.user}`,
    body: () => ({ name: 'Renamed user' }),
    addressesObject: true,
  },
  {
    operationId: 'platformGetUserSsoLink',
    method: 'GET',
    path: (t) => `/platform/api/v1/users/${t.user}/login`,
    addressesObject: true,
  },
  {
    operationId: 'platformDeleteAgentBot',
    method: 'DELETE',
    path: (t) => `/platform/api/v1/agent_bots/${t.bot}`,
    addressesObject: true,
  },
  {
    operationId: 'platformDeleteUser',
    method: 'DELETE',
    path: (t) => `/platform/api/v1/users/${t.user}`,
    addressesObject: true,
  },
  {
    operationId: 'platformDeleteAccount',
    method: 'DELETE',
    path: (t) => `/platform/api/v1/accounts/${t.account}`,
    addressesObject: true,
  },
];

const unknownIds = { account: 999_999, user: 999_999, bot: 999_999 };

describe.each(cases)('$operationId', (operation) => {
  const send = (token: string | undefined, target = ids) =>
    server.request(operation.method, operation.path(target), {
      ...(token !== undefined && { token }),
      ...(operation.body && { body: operation.body(target) }),
    });

  test('is refused without a token', async () => {
    const response = await send(undefined);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'Invalid access_token', code: 'INVALID_PLATFORM_TOKEN' });
  });

  test('is refused with an unknown token', async () => {
    expect((await send('not-a-token')).status).toBe(401);
  });

  test('is refused with a user token', async () => {
    const response = await send(userToken);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('Invalid access_token');
  });

  test('is refused with an agent bot token', async () => {
    expect((await send(botToken)).status).toBe(401);
  });

  if (operation.addressesObject) {
    test("is refused on another platform app's object", async () => {
      const response = await send(ownToken, otherIds);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: 'Non permissible resource', code: 'NON_PERMISSIBLE_RESOURCE' });
    });

    test('answers 404 for an unknown id', async () => {
      const response = await send(ownToken, unknownIds);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'Resource could not be found', code: 'RESOURCE_NOT_FOUND' });
    });

    test('answers 422 naming the id when it is not a number', async () => {
      const path = operation.path({ account: 0, user: 0, bot: 0 }).replace('/0', '/abc');
      const response = await server.request(operation.method, path, {
        token: ownToken,
        ...(operation.body && { body: operation.body(ids) }),
      });
      expect(response.status).toBe(422);
      expect(response.body.attributes).toEqual([operation.path(ids).includes('/accounts/') ? 'account_id' : 'id']);
    });
  }

  test('succeeds with its own platform-app token', async () => {
    const response = await send(ownToken);
    expect(response.status).toBe(200);
  });
});
