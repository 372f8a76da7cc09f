import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

const teamsPath = (accountId: number) => `/api/v1/accounts/${accountId}/teams`;
const membersPath = (accountId: number, teamId: number) => `${teamsPath(accountId)}/${teamId}/team_members`;

let teamCount = 0;

/** A new team of the account, made by its administrator, with these members. */
async function createTeam(account: AccountFixture, memberIds: number[] = []): Promise<number> {
  const created = await server.request('POST', teamsPath(account.accountId), {
    token: account.admin.token,
    body: { name: `Team ${++teamCount}` },
  });
  expect(created.status).toBe(200);
  if (memberIds.length > 0) {
    const added = await server.request('POST', membersPath(account.accountId, created.body.id), {
      token: account.admin.token,
      body: { user_ids: memberIds },
    });
    expect(added.status).toBe(200);
  }
  return created.body.id;
}

async function memberIdsOf(teamId: number, account: AccountFixture = fixture): Promise<number[]> {
  const response = await server.request('GET', membersPath(account.accountId, teamId), { token: account.admin.token });
  expect(response.status).toBe(200);
  return response.body.map((agent: { id: number }) => agent.id);
}

/** A team of the fixture's other account, made by its administrator (the outsider). */
async function otherAccountTeam(): Promise<number> {
  const response = await server.request('POST', teamsPath(fixture.otherAccountId), {
    token: fixture.outsider.token,
    body: { name: `Elsewhere ${++teamCount}` },
  });
  return response.body.id;
}

/** For each method of the path, a request body that would change the members of a team holding the fixture's agent. */
function bodyFor(method: string): { user_ids: number[] } | undefined {
  if (method === 'POST') return { user_ids: [fixture.admin.id] };
  if (method === 'PATCH') return { user_ids: [] };
  if (method === 'DELETE') return { user_ids: [fixture.agent.id] };
  return undefined;
}

describe('listing team members', () => {
  test('lists the members as agents to any member of the account', async () => {
    const teamId = await createTeam(fixture, [fixture.agent.id, fixture.admin.id]);
    const response = await server.request('GET', membersPath(fixture.accountId, teamId), {
      token: fixture.agent.token,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      expect.objectContaining({ id: fixture.admin.id, role: 'administrator', account_id: fixture.accountId }),
      {
        id: fixture.agent.id,
        uid: fixture.agent.email,
        name: 'agent',
        display_name: null,
        available_name: 'agent',
        email: fixture.agent.email,
        account_id: fixture.accountId,
        role: 'agent',
        confirmed: true,
        availability_status: 'online',
        auto_offline: true,
        thumbnail: '',
        custom_attributes: {},
      },
    ]);
  });
});

describe('adding team members', () => {
  test('adds the users and answers those it added, skipping those already in the team', async () => {
    const teamId = await createTeam(fixture, [fixture.admin.id]);
    const response = await server.request('POST', membersPath(fixture.accountId, teamId), {
      token: fixture.admin.token,
      body: { user_ids: [fixture.agent.id, fixture.admin.id, fixture.agent.id] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([expect.objectContaining({ id: fixture.agent.id, role: 'agent' })]);
    expect(await memberIdsOf(teamId)).toEqual([fixture.admin.id, fixture.agent.id]);
  });

  test('refuses users who are not members of the account, listing them, and adds nobody', async () => {
    const teamId = await createTeam(fixture);
    const response = await server.request('POST', membersPath(fixture.accountId, teamId), {
      token: fixture.admin.token,
      body: { user_ids: [fixture.agent.id, fixture.outsider.id, 999_999] },
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['user_ids']);
    expect(response.body.message).toContain(`${fixture.outsider.id}, 999999`);
    expect(response.body.message).not.toContain(String(fixture.agent.id));
    expect(await memberIdsOf(teamId)).toEqual([]);
  });

  test.each([
    [{}, 'user_ids'],
    [{ user_ids: [] }, 'user_ids'],
    [{ user_ids: ['one'] }, 'user_ids'],
  ])('refuses %j naming %s', async (body, attribute) => {
    const teamId = await createTeam(fixture);
    const response = await server.request('POST', membersPath(fixture.accountId, teamId), {
      token: fixture.admin.token,
      body,
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes.join()).toContain(attribute);
  });
});

describe('replacing team members', () => {
  test('makes the members exactly the users given and answers all of them', async () => {
    const account = await createAccountFixture(server);
    const teamId = await createTeam(account, [account.admin.id]);
    const response = await server.request('PATCH', membersPath(account.accountId, teamId), {
      token: account.admin.token,
      body: { user_ids: [account.agent.id] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([expect.objectContaining({ id: account.agent.id })]);
    expect(await memberIdsOf(teamId, account)).toEqual([account.agent.id]);
  });

  test('keeps the members given who were in the team already', async () => {
    const teamId = await createTeam(fixture, [fixture.admin.id]);
    const response = await server.request('PATCH', membersPath(fixture.accountId, teamId), {
      token: fixture.admin.token,
      body: { user_ids: [fixture.admin.id, fixture.agent.id] },
    });
    expect(response.body.map((agent: { id: number }) => agent.id)).toEqual([fixture.admin.id, fixture.agent.id]);
  });

  test('empties the team for an empty list', async () => {
    const teamId = await createTeam(fixture, [fixture.admin.id, fixture.agent.id]);
    const response = await server.request('PATCH', membersPath(fixture.accountId, teamId), {
      token: fixture.admin.token,
      body: { user_ids: [] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([]);
    expect(await memberIdsOf(teamId)).toEqual([]);
  });

  test('refuses users who are not members of the account and changes nothing', async () => {
    const teamId = await createTeam(fixture, [fixture.admin.id]);
    const response = await server.request('PATCH', membersPath(fixture.accountId, teamId), {
      token: fixture.admin.token,
      body: { user_ids: [fixture.outsider.id] },
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['user_ids']);
    expect(response.body.message).toContain(String(fixture.outsider.id));
    expect(await memberIdsOf(teamId)).toEqual([fixture.admin.id]);
  });

  test('refuses a body without user_ids, naming it', async () => {
    const teamId = await createTeam(fixture);
    const response = await server.request('PATCH', membersPath(fixture.accountId, teamId), {
      token: fixture.admin.token,
      body: {},
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['user_ids']);
  });
});

describe('removing team members', () => {
  test('removes the users given, ignoring members of the account not in the team', async () => {
    const account = await createAccountFixture(server);
    const teamId = await createTeam(account, [account.admin.id]);
    const response = await server.request('DELETE', membersPath(account.accountId, teamId), {
      token: account.admin.token,
      body: { user_ids: [account.admin.id, account.agent.id] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toBeUndefined();
    expect(await memberIdsOf(teamId, account)).toEqual([]);
  });

  test('refuses users who are not members of the account and removes nobody', async () => {
    const teamId = await createTeam(fixture, [fixture.agent.id]);
    const response = await server.request('DELETE', membersPath(fixture.accountId, teamId), {
      token: fixture.admin.token,
      body: { user_ids: [fixture.agent.id, fixture.outsider.id] },
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['user_ids']);
    expect(await memberIdsOf(teamId)).toEqual([fixture.agent.id]);
  });

  test.each([
    [{}, 'user_ids'],
    [{ user_ids: [] }, 'user_ids'],
  ])('refuses %j naming %s', async (body, attribute) => {
    const teamId = await createTeam(fixture);
    const response = await server.request('DELETE', membersPath(fixture.accountId, teamId), {
      token: fixture.admin.token,
      body,
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual([attribute]);
  });
});

describe('who may read and change team members', () => {
  test.each(['POST', 'PATCH', 'DELETE'])('%s refuses an agent and changes nothing', async (method) => {
    const teamId = await createTeam(fixture, [fixture.agent.id]);
    const response = await server.request(method, membersPath(fixture.accountId, teamId), {
      token: fixture.agent.token,
      body: bodyFor(method),
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to do this action');
    expect(await memberIdsOf(teamId)).toEqual([fixture.agent.id]);
  });

  test.each(['GET', 'POST', 'PATCH', 'DELETE'])('%s refuses a user of another account', async (method) => {
    const teamId = await createTeam(fixture, [fixture.agent.id]);
    const response = await server.request(method, membersPath(fixture.accountId, teamId), {
      token: fixture.outsider.token,
      body: bodyFor(method),
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('You are not authorized to access this account');
    expect(await memberIdsOf(teamId)).toEqual([fixture.agent.id]);
  });

  test.each(['GET', 'POST', 'PATCH', 'DELETE'])('%s answers 404 for a team of another account', async (method) => {
    const teamId = await otherAccountTeam();
    const response = await server.request(method, membersPath(fixture.accountId, teamId), {
      token: fixture.admin.token,
      body: bodyFor(method),
    });
    expect(response.status).toBe(404);
    expect(response.body.error).toBe('Resource could not be found');
  });

  test.each(['GET', 'POST', 'PATCH', 'DELETE'])(
    '%s refuses a team id that is not a number, naming team_id',
    async (method) => {
      const response = await server.request(method, `${teamsPath(fixture.accountId)}/first/team_members`, {
        token: fixture.admin.token,
        body: bodyFor(method),
      });
      expect(response.status).toBe(422);
      expect(response.body.attributes).toEqual(['team_id']);
    },
  );
});
