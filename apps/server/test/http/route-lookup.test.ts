import path from 'node:path';
import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

/** The path-to-regexp the validator loads, whose functions compile route matchers. */
function validatorsPathToRegexp(): Record<string, unknown> {
  const validatorFolder = path.dirname(require.resolve('express-openapi-validator'));
  return require(require.resolve('path-to-regexp', { paths: [validatorFolder] }));
}

test('finding a request’s route compiles no matcher', async () => {
  const contactsPath = `/api/v1/accounts/${fixture.accountId}/contacts`;
  const requests = () =>
    Promise.all([
      server.request('GET', contactsPath, { token: fixture.agent.token }),
      server.request('GET', `${contactsPath}/search?q=a`, { token: fixture.agent.token }),
      server.request('GET', `/platform/api/v1/accounts/${fixture.accountId}`, { token: fixture.platformToken }),
      server.request('GET', '/health'),
    ]);
  await requests();

  const pathToRegexp = validatorsPathToRegexp();
  const spies = ['pathToRegexp', 'match', 'parse', 'compile'].map((name) => jest.spyOn(pathToRegexp, name as never));
  try {
    const responses = await requests();
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(spies.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0]);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
});

test('a fixed segment is preferred to a parameter in the same place', async () => {
  const search = await server.request('GET', `/api/v1/accounts/${fixture.accountId}/contacts/search?q=zz`, {
    token: fixture.agent.token,
  });
  expect(search.status).toBe(200);
  expect(search.body).toMatchObject({ payload: [] });
});

test('paths match whatever the case of their fixed segments, as Express routes do', async () => {
  const response = await server.request('GET', `/API/V1/Accounts/${fixture.accountId}/Teams`, {
    token: fixture.agent.token,
  });
  expect(response.status).toBe(200);
  expect(response.body).toEqual([]);
});

test('a path parameter that is not valid percent-encoding is a 422 saying so', async () => {
  const response = await server.request('GET', `/api/v1/accounts/${fixture.accountId}/contacts/%E0%A4%A`, {
    token: fixture.agent.token,
  });
  expect(response.status).toBe(422);
  expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/malformed uri/) });
});

test('a path no operation has is a 404 with a JSON body', async () => {
  const response = await server.request('GET', `/api/v1/accounts/${fixture.accountId}/nothing-here`, {
    token: fixture.agent.token,
  });
  expect(response.status).toBe(404);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
});
