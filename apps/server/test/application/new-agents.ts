import type { AccountFixture, TestServer } from '../../src/testing';

/** The path of an account's agents. */
export const agentsPath = (accountId: number) => `/api/v1/accounts/${accountId}/agents`;

/** The path of one agent of an account. */
export const agentPath = (accountId: number, userId: number) => `${agentsPath(accountId)}/${userId}`;

let emailCount = 0;

/** An email address no user has yet. */
export const freshEmail = () => `new-agent-${process.pid}-${++emailCount}@example.com`;

/** Adds a new user to the account through the API, as its administrator. */
export async function addAgent(server: TestServer, account: AccountFixture, body: Record<string, unknown> = {}) {
  const response = await server.request('POST', agentsPath(account.accountId), {
    token: account.admin.token,
    body: { name: 'New Agent', email: freshEmail(), ...body },
  });
  if (response.status !== 200) throw new Error(`adding an agent answered ${response.status}`);
  return response.body as { id: number; email: string };
}

/** The access token of a user, read from the database: the API hands it only to the user. */
export async function accessTokenOf(server: TestServer, userId: number): Promise<string> {
  const row = await server.db('access_tokens').where({ owner_type: 'User', owner_id: userId }).first();
  if (!row) throw new Error(`user ${userId} has no access token`);
  return row.token;
}
