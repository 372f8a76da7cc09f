import type { TestServer } from './test-server';

/** A user with their application-API token. */
export interface TestUser {
  id: number;
  email: string;
  token: string;
}

/** An account with an administrator and an agent, and a second account whose administrator is an outsider here. */
export interface AccountFixture {
  accountId: number;
  admin: TestUser;
  agent: TestUser;
  otherAccountId: number;
  /** Administrator of the other account, and member of no other. */
  outsider: TestUser;
  /** Token of the platform app that made both accounts. */
  platformToken: string;
}

let fixtureCount = 0;

/** Sets up two accounts with their members through the platform API. */
export async function createAccountFixture(server: TestServer): Promise<AccountFixture> {
  const platformToken = await server.createPlatformApp();
  const suffix = `${process.pid}-${++fixtureCount}`;

  async function platform<Body>(method: string, path: string, body: unknown): Promise<Body> {
    const response = await server.request<Body>(method, `/platform/api/v1${path}`, { token: platformToken, body });
    if (response.status !== 200) throw new Error(`${method} ${path} answered ${response.status}`);
    return response.body;
  }

  async function member(accountId: number, name: string, role: 'agent' | 'administrator'): Promise<TestUser> {
    const email = `${name}-${suffix}@example.com`;
    // Without a password: no fixture user signs in with one, and hashing it (scrypt) would cost each of the hundreds
    // of fixtures of a run tens of milliseconds of CPU. The platform tests of passwords send their own.
    const user = await platform<{ id: number; access_token: string }>('POST', '/users', { name, email });
    await platform('POST', `/accounts/${accountId}/account_users`, { user_id: user.id, role });
    return { id: user.id, email, token: user.access_token };
  }

  const account = await platform<{ id: number }>('POST', '/accounts', { name: `Account ${suffix}` });
  const otherAccount = await platform<{ id: number }>('POST', '/accounts', { name: `Other account ${suffix}` });
  return {
    accountId: account.id,
    admin: await member(account.id, 'admin', 'administrator'),
    agent: await member(account.id, 'agent', 'agent'),
    otherAccountId: otherAccount.id,
    outsider: await member(otherAccount.id, 'outsider', 'administrator'),
    platformToken,
  };
}
