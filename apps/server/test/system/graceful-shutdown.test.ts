import { connect } from 'node:net';
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import { loadConfig } from '../../src/config/config';
import { type RunningServer, startServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../../src/testing';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const start = (shutdownTimeoutMs = 5000): Promise<RunningServer> =>
  startServer(
    loadConfig({
      PORT: '0',
      DATABASE_URL: database.url,
      INQUIRLY_ROLE: 'api',
      SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
    }),
    pino({ level: 'silent' }),
  );

const portOf = (running: RunningServer) => new URL(running.url as string).port;

/**
 * A client on a thread of its own: it opens `count` connections, sends a request on each, tells the test 15 ms after
 * the last is sent, and reports the status line each got back (or its socket error).
 */
const clientSource = `
const { workerData, parentPort } = require('node:worker_threads');
const net = require('node:net');
const { port, count, sent } = workerData;
const outcomes = [];
let written = 0;
for (let index = 0; index < count; index++) {
  const socket = net.connect(Number(port), '127.0.0.1');
  let response = '';
  let outcome;
  socket.on('connect', () => {
    socket.write('GET /health HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n');
    if (++written === count) setTimeout(() => { Atomics.store(sent, 0, 1); Atomics.notify(sent, 0); }, 15);
  });
  socket.on('data', (chunk) => { response += chunk; });
  socket.on('error', (error) => { outcome = error.code; });
  socket.on('close', () => {
    outcomes.push(outcome ?? response.split('\\r\\n')[0]);
    if (outcomes.length === count) parentPort.postMessage(outcomes);
  });
}
`;

test('on shutdown, requests already sent are answered, those still in the kernel backlog included', async () => {
  const running = await start();
  const count = 20;
  const sent = new Int32Array(new SharedArrayBuffer(4));
  const client = new Worker(clientSource, { eval: true, workerData: { port: portOf(running), count, sent } });
  try {
    const outcomes = new Promise((resolve, reject) => {
      client.once('message', resolve);
      client.once('error', reject);
    });
    // This thread stands still, as a busy server does, while the client connects and sends: the kernel accepts the
    // connections and queues them until Node takes them. Then the shutdown begins, as on SIGTERM.
    expect(Atomics.wait(sent, 0, 0, 10_000)).toBe('ok');
    const closed = running.close();
    expect(await outcomes).toEqual(Array(count).fill('HTTP/1.1 200 OK'));
    await closed;
  } finally {
    await client.terminate();
  }
  await expect(running.db.raw('select 1')).rejects.toThrow();
});

test('on shutdown, idle keep-alive connections are closed rather than waited for', async () => {
  const running = await start(10_000);
  const socket = connect(Number(portOf(running)), '127.0.0.1');
  const answered = new Promise<string>((resolve) => socket.once('data', (chunk) => resolve(chunk.toString('utf8'))));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
  expect(await answered).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*keep-alive/i);
  const startedAt = Date.now();
  await running.close();
  await ended;
  expect(Date.now() - startedAt).toBeLessThan(2000);
});

test('on shutdown, a connection still sending its request is closed once SHUTDOWN_TIMEOUT_MS has passed', async () => {
  const running = await start(300);
  const socket = connect(Number(portOf(running)), '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write('GET /health HTTP/1.1\r\nHost: local');
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const startedAt = Date.now();
  await running.close();
  await ended;
  const took = Date.now() - startedAt;
  expect(took).toBeGreaterThanOrEqual(250);
  expect(took).toBeLessThan(3000);
});
