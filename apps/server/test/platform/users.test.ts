import { startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let token: string;
let otherToken: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.createPlatformApp('Mine');
  otherToken = await server.createPlatformApp('Theirs');
});
afterAll(() => server.close());

const createUser = (body: unknown, as = token) => server.request('POST', '/platform/api/v1/users', { token: as, body });

describe('platformCreateUser', () => {
  test('creates a confirmed user with a lower-case email and an access token', async () => {
    const response = await createUser({
      name: 'Grace Hopper',
      display_name: 'Grace',
      email: 'Grace@Example.com',
      password: 'Compiler-1952',
      custom_attributes: { team: 'navy' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Grace Hopper',
      display_name: 'Grace',
      available_name: 'Grace',
      email: 'grace@example.com',
      uid: 'grace@example.com',
      confirmed: true,
      custom_attributes: { team: 'navy' },
      accounts: [],
      account_id: null,
      role: null,
    });
    expect(response.body.access_token).toMatch(/^\w{24}$/);
    const caller = await server.services.accessTokens.findCaller(response.body.access_token);
    expect(caller).toMatchObject({ kind: 'user', user: { id: response.body.id } });
  });

  test('stores the password hashed, never in clear', async () => {
    const response = await createUser({ name: 'Hashed', email: 'hashed@example.com', password: 'Secret-Pass1' });
    const row = await server.db('users').where({ id: response.body.id }).first();
    expect(row?.encrypted_password).toMatch(/^scrypt\$/);
    expect(row?.encrypted_password).not.toContain('Secret-Pass1');
  });

  test('returns the same user for an email this app created already, with the new fields applied', async () => {
    const first = await createUser({ name: 'Twice', email: 'twice@example.com' });
    const second = await createUser({ name: 'Twice Renamed', email: 'TWICE@example.com' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      id: first.body.id,
      name: 'Twice Renamed',
      access_token: first.body.access_token,
    });
  });

  test('refuses to take over a user another app created', async () => {
    await createUser({ name: 'Theirs', email: 'theirs@example.com' }, otherToken);
    const response = await createUser({ name: 'Mine now', email: 'theirs@example.com' });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('Non permissible resource');
  });

  test.each([
    [{ email: 'a@example.com' }, 'name'],
    [{ name: 'No email' }, 'email'],
    [{ name: 'Bad email', email: 'nope' }, 'email'],
    [{ name: 'Short', email: 'short@example.com', password: 'Ab1!' }, 'password'],
    [{ name: 'Weak', email: 'weak@example.com', password: 'alllowercase' }, 'password'],
  ])('refuses %j naming %s', async (body, attribute) => {
    const response = await createUser(body);
    expect(response.status).toBe(422);
    expect(response.body.attributes).toContain(attribute);
  });
});

describe('platformGetUser', () => {
  test('shows the user with the access token', async () => {
    const created = await createUser({ name: 'Shown', email: 'shown@example.com' });
    const response = await server.request('GET', `/platform/api/v1/users/${created.body.id}`, { token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(created.body);
  });
});

describe('platformUpdateUser', () => {
  test('changes only the fields given', async () => {
    const created = await createUser({ name: 'Before', display_name: 'B', email: 'before@example.com' });
    const response = await server.request('PATCH', `/platform/api/v1/users/${created.body.id}`, {
      token,
      body: { name: 'After', email: 'After@Example.com' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'After', display_name: 'B', email: 'after@example.com' });
  });

  test("refuses another user's email, naming email", async () => {
    await createUser({ name: 'Taken', email: 'taken@example.com' });
    const created = await createUser({ name: 'Wants it', email: 'wants@example.com' });
    const response = await server.request('PATCH', `/platform/api/v1/users/${created.body.id}`, {
      token,
      body: { email: 'TAKEN@example.com' },
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ attributes: ['email'], message: 'email has already been taken' });
  });

  test('refuses a weak password naming it, and keeps the old one', async () => {
    const created = await createUser({ name: 'Careful', email: 'careful@example.com', password: 'Strong-Pass1' });
    const before = await server.db('users').where({ id: created.body.id }).first();
    const response = await server.request('PATCH', `/platform/api/v1/users/${created.body.id}`, {
      token,
      body: { password: 'weakpassword' },
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['password']);
    const after = await server.db('users').where({ id: created.body.id }).first();
    expect(after?.encrypted_password).toBe(before!.encrypted_password);
  });
});

describe('platformDeleteUser', () => {
  test('deletes the user, their memberships and their token', async () => {
    const account = await server.request('POST', '/platform/api/v1/accounts', { token, body: { name: 'Keeps' } });
    const user = await createUser({ name: 'Leaving', email: 'leaving@example.com' });
    await server.request('POST', `/platform/api/v1/accounts/${account.body.id}/account_users`, {
      token,
      body: { user_id: user.body.id, role: 'agent' },
    });
    const deleted = await server.request('DELETE', `/platform/api/v1/users/${user.body.id}`, { token });
    expect(deleted.status).toBe(200);
    expect((await server.request('GET', `/platform/api/v1/users/${user.body.id}`, { token })).status).toBe(404);
    const members = await server.request('GET', `/platform/api/v1/accounts/${account.body.id}/account_users`, {
      token,
    });
    expect(members.body).toEqual([]);
    expect((await server.request('GET', '/api/v1/profile', { token: user.body.access_token })).status).toBe(401);
  });
});
