import { startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

test('reports ok while the database answers', async () => {
  const response = await server.request('GET', '/health');
  expect(response.status).toBe(200);
  expect(response.body).toEqual({ status: 'ok', database: 'up' });
});

test('reports 503 when the database does not answer', async () => {
  await server.db.destroy();
  const response = await server.request('GET', '/health');
  expect(response.status).toBe(503);
  expect(response.body).toEqual({ status: 'unavailable', database: 'down' });
});
