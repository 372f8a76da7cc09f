import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app';
import { createContainer } from '../../src/container';
import { handlers } from '../../src/http/handler-registry';
import type { Handler, HandlerMap } from '../../src/http/operation-types';
import { toTeam } from '../../src/modules/teams/team-mapper';
import { createTestDatabase, type TestDatabase } from '../../src/testing';

/** A health handler that breaks its contract: the spec allows only `up` or `down`. */
const offContractHealth = (async () => ({
  status: 200,
  body: { status: 'ok', database: 'sideways' },
})) as unknown as Handler<'getHealth'>;

/**
 * A team handler that reads the team's row and answers it as the mapper shows it, plus the row's `columns`: a mapper
 * that leaks a column the spec does not show.
 */
const teamRowWith =
  (columns: string[]): Handler<'getTeam'> =>
  async ({ path }) => {
    const row = await database.db('teams').where({ id: path.team_id }).first();
    if (!row) throw new Error(`team ${path.team_id} is missing`);
    const team = toTeam({ ...row, allow_auto_assign: Boolean(row.allow_auto_assign), is_member: false });
    const leaked = Object.fromEntries(columns.map((column) => [column, row[column as keyof typeof row]]));
    return { status: 200, body: { ...team, ...leaked } };
  };

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

interface Response {
  status: number;
  body: Record<string, any>;
}

/** Serves the application with `substitutes` in place of the registered handlers for as long as `use` runs. */
async function serving<T>(
  substitutes: Partial<HandlerMap>,
  validateResponses: boolean,
  use: (request: (method: string, path: string, token?: string, body?: unknown) => Promise<Response>) => Promise<T>,
): Promise<T> {
  const app = createApp({
    container: createContainer({ db: database.db }),
    validateResponses,
    handlers: { ...handlers, ...substitutes },
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    return await use(async (method, path, token, body) => {
      const response = await fetch(url + path, {
        method,
        headers: {
          ...(token !== undefined && { api_access_token: token }),
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

test('outside production, a response that breaks the spec becomes a 500 instead of reaching the client', async () => {
  const response = await serving({ getHealth: offContractHealth }, true, (request) => request('GET', '/health'));
  expect(response.status).toBe(500);
  expect(response.body.code).toBe('INTERNAL_ERROR');
});

test('in production, responses are not validated', async () => {
  const response = await serving({ getHealth: offContractHealth }, false, (request) => request('GET', '/health'));
  expect(response).toEqual({ status: 200, body: { status: 'ok', database: 'sideways' } });
});

describe('a response schema lists every property a response may carry', () => {
  /** Reads one team through `getTeam`, an administrator of its account asking. */
  async function readTeam(getTeam: Handler<'getTeam'>): Promise<Response> {
    const platformToken = (
      await createContainer({ db: database.db }).services.platformApps.create('Response validation')
    ).token;
    return serving({ getTeam }, true, async (request) => {
      const account = await request('POST', '/platform/api/v1/accounts', platformToken, { name: 'Acme' });
      const admin = await request('POST', '/platform/api/v1/users', platformToken, {
        name: 'Admin',
        email: `admin-${account.body.id}@acme.example`,
      });
      await request('POST', `/platform/api/v1/accounts/${account.body.id}/account_users`, platformToken, {
        user_id: admin.body.id,
        role: 'administrator',
      });
      const teams = `/api/v1/accounts/${account.body.id}/teams`;
      const team = await request('POST', teams, admin.body.access_token, { name: 'Billing' });
      expect(team.status).toBe(200);
      return request('GET', `${teams}/${team.body.id}`, admin.body.access_token);
    });
  }

  test('a team as the mapper shows it is answered', async () => {
    const response = await readTeam(teamRowWith([]));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'Billing', is_member: false });
  });

  test('outside production, a team carrying a column of its row the spec does not show becomes a 500', async () => {
    const response = await readTeam(teamRowWith(['name_key']));
    expect(response.status).toBe(500);
    expect(response.body.code).toBe('INTERNAL_ERROR');
  });
});
