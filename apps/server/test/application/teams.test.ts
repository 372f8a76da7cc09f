import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

const teamsPath = (accountId: number) => `/api/v1/accounts/${accountId}/teams`;
const teamPath = (accountId: number, teamId: number) => `${teamsPath(accountId)}/${teamId}`;
const membersPath = (accountId: number, teamId: number) => `${teamPath(accountId, teamId)}/team_members`;

let teamCount = 0;

/** A new team of the account, made by its administrator. */
async function createTeam(account: AccountFixture, body: Record<string, unknown> = {}): Promise<{ id: number }> {
  const response = await server.request('POST', teamsPath(account.accountId), {
    token: account.admin.token,
    body: { name: `Team ${++teamCount}`, ...body },
  });
  expect(response.status).toBe(200);
  return response.body;
}

async function setMembers(account: AccountFixture, teamId: number, userIds: number[]) {
  const response = await server.request('PATCH', membersPath(account.accountId, teamId), {
    token: account.admin.token,
    body: { user_ids: userIds },
  });
  expect(response.status).toBe(200);
}

/** A team of the other account of the fixture, made by its administrator (the outsider). */
async function otherAccountTeam(): Promise<number> {
  const response = await server.request('POST', teamsPath(fixture.otherAccountId), {
    token: fixture.outsider.token,
    body: { name: `Elsewhere ${++teamCount}` },
  });
  return response.body.id;
}

describe('listing teams', () => {
  test('lists the account teams to any member, each saying whether the caller belongs to it', async () => {
    const account = await createAccountFixture(server);
    const support = await createTeam(account, { name: 'Support' });
    const sales = await createTeam(account, { name: 'Sales' });
    await setMembers(account, support.id, [account.admin.id]);
    await otherAccountTeam();

    const asAgent = await server.request('GET', teamsPath(account.accountId), { token: account.agent.token });
    const asAdmin = await server.request('GET', teamsPath(account.accountId), { token: account.admin.token });
    expect(asAgent.status).toBe(200);
    expect(asAgent.body).toEqual([
      {
        id: support.id,
        name: 'Support',
        description: null,
        allow_auto_assign: true,
        account_id: account.accountId,
        is_member: false,
      },
      expect.objectContaining({ id: sales.id, name: 'Sales', is_member: false }),
    ]);
    expect(asAdmin.body.map((team: { is_member: boolean }) => team.is_member)).toEqual([true, false]);
  });

  test('refuses a user of another account', async () => {
    const response = await server.request('GET', teamsPath(fixture.accountId), { token: fixture.outsider.token });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to access this account');
  });
});

describe('creating a team', () => {
  test('creates the team with the fields given', async () => {
    const response = await server.request('POST', teamsPath(fixture.accountId), {
      token: fixture.admin.token,
      body: { name: 'Billing', description: 'Invoices and refunds', allow_auto_assign: false },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: expect.any(Number),
      name: 'Billing',
      description: 'Invoices and refunds',
      allow_auto_assign: false,
      account_id: fixture.accountId,
      is_member: false,
    });
  });

  test('refuses a name another team of the account has, ignoring case, naming name', async () => {
    await createTeam(fixture, { name: 'Escalations' });
    const response = await server.request('POST', teamsPath(fixture.accountId), {
      token: fixture.admin.token,
      body: { name: 'ESCALATIONS' },
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['name']);
  });

  test('accepts a name a team of another account has', async () => {
    await createTeam(fixture, { name: 'Onboarding' });
    const response = await server.request('POST', teamsPath(fixture.otherAccountId), {
      token: fixture.outsider.token,
      body: { name: 'Onboarding' },
    });
    expect(response.status).toBe(200);
  });

  test('refuses an agent', async () => {
    const response = await server.request('POST', teamsPath(fixture.accountId), {
      token: fixture.agent.token,
      body: { name: 'By an agent' },
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
  });

  test('refuses a user of another account', async () => {
    const response = await server.request('POST', teamsPath(fixture.accountId), {
      token: fixture.outsider.token,
      body: { name: 'By an outsider' },
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to access this account');
  });

  test.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 'Flags', allow_auto_assign: 'yes' }, 'allow_auto_assign'],
  ])('refuses %j naming %s', async (body, attribute) => {
    const response = await server.request('POST', teamsPath(fixture.accountId), { token: fixture.admin.token, body });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toContain(attribute);
  });
});

describe('getting a team', () => {
  test('shows the team to any member', async () => {
    const team = await createTeam(fixture, { description: 'Front line' });
    const response = await server.request('GET', teamPath(fixture.accountId, team.id), { token: fixture.agent.token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: team.id, description: 'Front line', is_member: false });
  });

  test('answers 404 for a team of another account', async () => {
    const teamId = await otherAccountTeam();
    const response = await server.request('GET', teamPath(fixture.accountId, teamId), { token: fixture.admin.token });
    expect(response.status).toBe(404);
    expect(response.body.error).toBe('Resource could not be found');
  });

  test('refuses a user of another account', async () => {
    const team = await createTeam(fixture);
    const response = await server.request('GET', teamPath(fixture.accountId, team.id), {
      token: fixture.outsider.token,
    });
    expect(response.status).toBe(401);
  });

  test('refuses a team id that is not a number, naming team_id', async () => {
    const response = await server.request('GET', `${teamsPath(fixture.accountId)}/first`, {
      token: fixture.admin.token,
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['team_id']);
  });
});

describe('updating a team', () => {
  test('changes only the fields given', async () => {
    const team = await createTeam(fixture, { name: 'Tier one', description: 'First line' });
    const response = await server.request('PATCH', teamPath(fixture.accountId, team.id), {
      token: fixture.admin.token,
      body: { name: 'Tier One', allow_auto_assign: false },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: team.id,
      name: 'Tier One',
      description: 'First line',
      allow_auto_assign: false,
      account_id: fixture.accountId,
      is_member: false,
    });
  });

  test('refuses the name of another team of the account, ignoring case, naming name', async () => {
    await createTeam(fixture, { name: 'Returns' });
    const team = await createTeam(fixture);
    const response = await server.request('PATCH', teamPath(fixture.accountId, team.id), {
      token: fixture.admin.token,
      body: { name: 'returns' },
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['name']);
  });

  test('refuses an agent', async () => {
    const team = await createTeam(fixture);
    const response = await server.request('PATCH', teamPath(fixture.accountId, team.id), {
      token: fixture.agent.token,
      body: { description: 'By an agent' },
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
  });

  test('refuses a user of another account', async () => {
    const team = await createTeam(fixture);
    const response = await server.request('PATCH', teamPath(fixture.accountId, team.id), {
      token: fixture.outsider.token,
      body: { description: 'By an outsider' },
    });
    expect(response.status).toBe(401);
  });

  test('answers 404 for a team of another account, leaving it unchanged', async () => {
    const teamId = await otherAccountTeam();
    const response = await server.request('PATCH', teamPath(fixture.accountId, teamId), {
      token: fixture.admin.token,
      body: { description: 'Taken over' },
    });
    expect(response.status).toBe(404);
    const team = await server.request('GET', teamPath(fixture.otherAccountId, teamId), {
      token: fixture.outsider.token,
    });
    expect(team.body.description).toBeNull();
  });

  test.each([
    [{ name: '' }, 'name'],
    [{ allow_auto_assign: 'no' }, 'allow_auto_assign'],
  ])('refuses %j naming %s', async (body, attribute) => {
    const team = await createTeam(fixture);
    const response = await server.request('PATCH', teamPath(fixture.accountId, team.id), {
      token: fixture.admin.token,
      body,
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toContain(attribute);
  });
});

describe('deleting a team', () => {
  test('deletes the team and its memberships, keeping its members in the account', async () => {
    const team = await createTeam(fixture);
    await setMembers(fixture, team.id, [fixture.agent.id]);
    const response = await server.request('DELETE', teamPath(fixture.accountId, team.id), {
      token: fixture.admin.token,
    });
    expect(response.status).toBe(200);
    expect(response.body).toBeUndefined();
    const gone = await server.request('GET', teamPath(fixture.accountId, team.id), { token: fixture.admin.token });
    expect(gone.status).toBe(404);
    expect(await server.db('team_members').where({ team_id: team.id })).toEqual([]);
    const agents = await server.request('GET', `/api/v1/accounts/${fixture.accountId}/agents`, {
      token: fixture.agent.token,
    });
    expect(agents.body).toContainEqual(expect.objectContaining({ id: fixture.agent.id }));
  });

  test('refuses an agent', async () => {
    const team = await createTeam(fixture);
    const response = await server.request('DELETE', teamPath(fixture.accountId, team.id), {
      token: fixture.agent.token,
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
  });

  test('refuses a user of another account', async () => {
    const team = await createTeam(fixture);
    const response = await server.request('DELETE', teamPath(fixture.accountId, team.id), {
      token: fixture.outsider.token,
    });
    expect(response.status).toBe(401);
  });

  test('answers 404 for a team of another account, which stays', async () => {
    const teamId = await otherAccountTeam();
    const response = await server.request('DELETE', teamPath(fixture.accountId, teamId), {
      token: fixture.admin.token,
    });
    expect(response.status).toBe(404);
    const team = await server.request('GET', teamPath(fixture.otherAccountId, teamId), {
      token: fixture.outsider.token,
    });
    expect(team.status).toBe(200);
  });

  test('refuses a team id that is not a number, naming team_id', async () => {
    const response = await server.request('DELETE', `${teamsPath(fixture.accountId)}/0`, {
      token: fixture.admin.token,
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['team_id']);
  });
});
