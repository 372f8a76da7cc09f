import { connect } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../src/config/config';
import { startServer } from '../../src/server';
import { createTestDatabase, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Writes the bytes to the server's port as they are and reads until it closes the connection. */
function sendRaw(bytes: string): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

test('headers past the parser limit are a 431 with a JSON error', async () => {
  const response = await server.requestRaw('GET', '/health', { headers: { 'x-padding': 'a'.repeat(20_000) } });
  expect(response.status).toBe(431);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(JSON.parse(response.text)).toEqual({
    error: 'The request line and headers are too large',
    code: 'HEADERS_TOO_LARGE',
  });
});

test('a request that is not HTTP is a 400 with a JSON error', async () => {
  const answer = await sendRaw('NOT HTTP AT ALL\r\n\r\n');
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  expect(head).toContain('Content-Type: application/json; charset=utf-8');
  expect(JSON.parse(body)).toEqual({ error: 'The request is not valid HTTP', code: 'MALFORMED_REQUEST' });
});

test('the server a deployment runs answers oversized headers the same way', async () => {
  const database = await createTestDatabase();
  const running = await startServer(
    loadConfig({ PORT: '0', DATABASE_URL: database.url, INQUIRLY_ROLE: 'api' }),
    pino({ level: 'silent' }),
  );
  try {
    const response = await fetch(`${running.url}/health`, { headers: { 'x-padding': 'a'.repeat(20_000) } });
    expect(response.status).toBe(431);
    expect(await response.json()).toMatchObject({ code: 'HEADERS_TOO_LARGE' });
  } finally {
    await running.close();
    await database.drop();
  }
});
