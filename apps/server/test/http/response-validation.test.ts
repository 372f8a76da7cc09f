import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app';
import { createContainer } from '../../src/container';
import { handlers } from '../../src/handlers/registry';
import type { Handler } from '../../src/http/operation-types';
import { createTestDatabase, type TestDatabase } from '../../src/testing';

/** A health handler that breaks its contract: the spec allows only `up` or `down`. */
const offContractHealth = (async () => ({
  status: 200,
  body: { status: 'ok', database: 'sideways' },
})) as unknown as Handler<'getHealth'>;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function healthWith(validateResponses: boolean) {
  const app = createApp({
    container: createContainer({ db: database.db }),
    validateResponses,
    handlers: { ...handlers, getHealth: offContractHealth },
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/health`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

test('outside production, a response that breaks the spec becomes a 500 instead of reaching the client', async () => {
  const response = await healthWith(true);
  expect(response.status).toBe(500);
  expect(response.body.code).toBe('INTERNAL_ERROR');
});

test('in production, responses are not validated', async () => {
  const response = await healthWith(false);
  expect(response).toEqual({ status: 200, body: { status: 'ok', database: 'sideways' } });
});
