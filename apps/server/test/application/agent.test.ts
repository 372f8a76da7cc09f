import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';
import { accessTokenOf, addAgent, agentPath, agentsPath } from './new-agents';

let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

describe('updating an agent', () => {
  test('changes the role, availability, auto-offline and name', async () => {
    const agent = await addAgent(server, fixture);
    const response = await server.request('PATCH', agentPath(fixture.accountId, agent.id), {
      token: fixture.admin.token,
      body: { role: 'administrator', availability: 'busy', auto_offline: false, name: 'Renamed Agent' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: agent.id,
      account_id: fixture.accountId,
      role: 'administrator',
      availability_status: 'busy',
      auto_offline: false,
      name: 'Renamed Agent',
      available_name: 'Renamed Agent',
    });
    const listed = await server.request('GET', agentsPath(fixture.accountId), { token: fixture.agent.token });
    expect(listed.body).toContainEqual(response.body);
  });

  test('takes availability_status as well, with available for online', async () => {
    const agent = await addAgent(server, fixture, { availability_status: 'offline' });
    const response = await server.request('PATCH', agentPath(fixture.accountId, agent.id), {
      token: fixture.admin.token,
      body: { availability_status: 'available' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ availability_status: 'online', role: 'agent', auto_offline: true });
  });

  test('refuses to demote the last administrator, naming role', async () => {
    const account = await createAccountFixture(server);
    const response = await server.request('PATCH', agentPath(account.accountId, account.admin.id), {
      token: account.admin.token,
      body: { role: 'agent' },
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['role']);
    expect(response.body.message).toContain('last administrator');
    const listed = await server.request('GET', agentsPath(account.accountId), { token: account.admin.token });
    expect(listed.body).toContainEqual(expect.objectContaining({ id: account.admin.id, role: 'administrator' }));
  });

  test('demotes an administrator while another one remains', async () => {
    const account = await createAccountFixture(server);
    const second = await addAgent(server, account, { role: 'administrator' });
    const response = await server.request('PATCH', agentPath(account.accountId, account.admin.id), {
      token: account.admin.token,
      body: { role: 'agent' },
    });
    expect(response.status).toBe(200);
    expect(response.body.role).toBe('agent');
    const refused = await server.request('PATCH', agentPath(account.accountId, second.id), {
      token: await accessTokenOf(server, second.id),
      body: { role: 'agent' },
    });
    expect(refused.status).toBe(422);
  });

  test('refuses an agent', async () => {
    const response = await server.request('PATCH', agentPath(fixture.accountId, fixture.agent.id), {
      token: fixture.agent.token,
      body: { role: 'administrator' },
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
  });

  test('refuses a user of another account', async () => {
    const response = await server.request('PATCH', agentPath(fixture.accountId, fixture.agent.id), {
      token: fixture.outsider.token,
      body: { role: 'administrator' },
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to access this account');
  });

  test('answers 404 for a user who is not a member of the account', async () => {
    const response = await server.request('PATCH', agentPath(fixture.accountId, fixture.outsider.id), {
      token: fixture.admin.token,
      body: { role: 'agent' },
    });
    expect(response.status).toBe(404);
    expect(response.body.error).toBe('Resource could not be found');
  });

  test.each([
    [{}, 'body'],
    [{ role: 'owner' }, 'role'],
    [{ availability: 'away' }, 'availability'],
    [{ auto_offline: 'sometimes' }, 'auto_offline'],
    [{ name: '' }, 'name'],
    [{ availability: 'busy', availability_status: 'online' }, 'availability_status'],
  ])('refuses %j naming %s', async (body, attribute) => {
    const response = await server.request('PATCH', agentPath(fixture.accountId, fixture.agent.id), {
      token: fixture.admin.token,
      body,
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toContain(attribute);
  });
});

describe('removing an agent', () => {
  test('removes the membership, then answers 404 for it', async () => {
    const agent = await addAgent(server, fixture);
    const response = await server.request('DELETE', agentPath(fixture.accountId, agent.id), {
      token: fixture.admin.token,
    });
    expect(response.status).toBe(200);
    expect(response.body).toBeUndefined();
    const listed = await server.request('GET', agentsPath(fixture.accountId), { token: fixture.admin.token });
    expect(listed.body.map((listedAgent: { id: number }) => listedAgent.id)).not.toContain(agent.id);
    const again = await server.request('DELETE', agentPath(fixture.accountId, agent.id), {
      token: fixture.admin.token,
    });
    expect(again.status).toBe(404);
  });

  test('removes their team and inbox memberships in this account only', async () => {
    const account = await createAccountFixture(server);
    const shared = account.agent;
    await server.request('POST', `/platform/api/v1/accounts/${account.otherAccountId}/account_users`, {
      token: account.platformToken,
      body: { user_id: shared.id, role: 'agent' },
    });
    const here = await teamAndInboxWithMember(account.accountId, account.admin.token, shared.id);
    const elsewhere = await teamAndInboxWithMember(account.otherAccountId, account.outsider.token, shared.id);

    const response = await server.request('DELETE', agentPath(account.accountId, shared.id), {
      token: account.admin.token,
    });
    expect(response.status).toBe(200);
    expect(await here.memberIds()).toEqual({ team: [], inbox: [] });
    expect(await elsewhere.memberIds()).toEqual({ team: [shared.id], inbox: [shared.id] });
    const otherAccount = await server.request('GET', agentsPath(account.otherAccountId), { token: shared.token });
    expect(otherAccount.status).toBe(200);
  });

  test('refuses to remove the last administrator, naming id', async () => {
    const account = await createAccountFixture(server);
    const response = await server.request('DELETE', agentPath(account.accountId, account.admin.id), {
      token: account.admin.token,
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['id']);
    expect(response.body.message).toContain('last administrator');
  });

  test('lets an administrator leave while another one remains', async () => {
    const account = await createAccountFixture(server);
    await addAgent(server, account, { role: 'administrator' });
    const response = await server.request('DELETE', agentPath(account.accountId, account.admin.id), {
      token: account.admin.token,
    });
    expect(response.status).toBe(200);
  });

  test('refuses an agent', async () => {
    const response = await server.request('DELETE', agentPath(fixture.accountId, fixture.admin.id), {
      token: fixture.agent.token,
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
  });

  test('refuses a user of another account', async () => {
    const response = await server.request('DELETE', agentPath(fixture.accountId, fixture.agent.id), {
      token: fixture.outsider.token,
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to access this account');
  });

  test('answers 404 for a member of another account', async () => {
    const response = await server.request('DELETE', agentPath(fixture.accountId, fixture.outsider.id), {
      token: fixture.admin.token,
    });
    expect(response.status).toBe(404);
  });

  test('refuses an id that is not a number, naming id', async () => {
    const response = await server.request('DELETE', `${agentsPath(fixture.accountId)}/someone`, {
      token: fixture.admin.token,
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['id']);
  });
});

/** A new team and a new API inbox of the account, each with the user as its only member. */
async function teamAndInboxWithMember(accountId: number, adminToken: string, userId: number) {
  const asAdmin = { token: adminToken };
  const accountPath = `/api/v1/accounts/${accountId}`;
  const team = await server.request('POST', `${accountPath}/teams`, { ...asAdmin, body: { name: `Team ${userId}` } });
  await server.request('POST', `${accountPath}/teams/${team.body.id}/team_members`, {
    ...asAdmin,
    body: { user_ids: [userId] },
  });
  const inbox = await server.request('POST', `${accountPath}/inboxes`, {
    ...asAdmin,
    body: { name: 'Support', channel: { type: 'api' } },
  });
  await server.request('POST', `${accountPath}/inbox_members`, {
    ...asAdmin,
    body: { inbox_id: inbox.body.id, user_ids: [userId] },
  });
  const memberIds = async () => {
    const teamMembers = await server.request('GET', `${accountPath}/teams/${team.body.id}/team_members`, asAdmin);
    const inboxMembers = await server.request('GET', `${accountPath}/inbox_members/${inbox.body.id}`, asAdmin);
    return {
      team: teamMembers.body.map((member: { id: number }) => member.id),
      inbox: inboxMembers.body.payload.map((member: { id: number }) => member.id),
    };
  };
  return { memberIds };
}
