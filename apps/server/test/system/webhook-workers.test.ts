import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Container, createContainer } from '../../src/container';
import { connectDatabase } from '../../src/db/connection';
import { deliveryRepository } from '../../src/modules/webhooks/delivery-repository';
import {
  type AccountFixture,
  createAccountFixture,
  type ManualClock,
  manualClock,
  startTestServer,
  type TestServer,
} from '../../src/testing';

/**
 * Two processes on one database deliver together: a second container, on its own connections to the test server's
 * database, runs its delivery worker beside the server's.
 */
const delivery = { allowPrivateNetworks: true, timeoutMs: 2000, retryPeriodSeconds: 3600 };

let server: TestServer;
let other: Container;
let fixture: AccountFixture;
let clock: ManualClock;
let receiver: http.Server;
let receiverUrl: string;
const received: Array<{ id: string; hook: string; name: string }> = [];

beforeAll(async () => {
  clock = manualClock();
  server = await startTestServer({ clock, webhookDelivery: delivery });
  other = createContainer({ db: connectDatabase(server.databaseUrl), clock, webhookDelivery: delivery });
  fixture = await createAccountFixture(server);
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      received.push({ id: String(req.headers['x-chatwoot-delivery']), hook: req.url ?? '', name: body.name });
      // A little wait, so that the two workers' rounds overlap.
      setTimeout(() => res.writeHead(200).end(), 2);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await other.db.destroy();
  await server.close();
});

const A = () => `/api/v1/accounts/${fixture.accountId}`;

test('two workers deliver every delivery once, each target in order', async () => {
  for (let hook = 1; hook <= 5; hook++) {
    await server.request('POST', `${A()}/webhooks`, {
      token: fixture.admin.token,
      body: { url: `${receiverUrl}/hook-${hook}`, subscriptions: ['contact_created'] },
    });
  }
  const names = Array.from({ length: 12 }, (_, index) => `Contact ${index + 1}`);
  for (const name of names) {
    await server.request('POST', `${A()}/contacts`, {
      token: fixture.admin.token,
      body: { name, email: `${name.replace(' ', '-').toLowerCase()}@example.com` },
    });
  }
  await server.container.dispatcher.runOnce();
  const rounds: Array<[number, number]> = [];
  for (;;) {
    const attempted = await Promise.all([server.container.deliveryWorker.runOnce(), other.deliveryWorker.runOnce()]);
    rounds.push(attempted);
    if (attempted[0] + attempted[1] === 0) break;
  }
  expect(received).toHaveLength(60);
  expect(new Set(received.map((delivery) => delivery.id)).size).toBe(60);
  for (let hook = 1; hook <= 5; hook++) {
    const toHook = received.filter((delivery) => delivery.hook === `/hook-${hook}`);
    expect(toHook.map((delivery) => delivery.name)).toEqual(names);
  }
  expect(rounds.reduce((sum, [byServer, byOther]) => sum + byServer + byOther, 0)).toBe(60);
});

test('of two processes going for one queue at once, one gets it', async () => {
  const now = clock.nowSeconds();
  for (let round = 0; round < 20; round++) {
    const target = `webhook:${1000 + round}`;
    const taken = await Promise.all([
      deliveryRepository(server.db).claimTarget(target, now, now + 30),
      deliveryRepository(other.db).claimTarget(target, now, now + 30),
    ]);
    expect(taken.filter(Boolean)).toHaveLength(1);
  }
});

test('deliveries of queues taken by a process that then died are made by another once its hold has passed', async () => {
  received.length = 0;
  await server.request('POST', `${A()}/contacts`, {
    token: fixture.admin.token,
    body: { name: 'Orphan', email: 'orphan@example.com' },
  });
  await server.container.dispatcher.runOnce();
  const deliveries = deliveryRepository(server.db);
  const due = await deliveries.dueTargets(clock.nowSeconds(), 10);
  expect(due).toHaveLength(5);
  // The dead process took every queue and never posted anything.
  for (const target of due) {
    expect(await deliveries.claimTarget(target, clock.nowSeconds(), clock.nowSeconds() + 32)).toBe(true);
  }
  expect(await other.deliveryWorker.runOnce()).toBe(0);
  clock.advance(33);
  while ((await other.deliveryWorker.runOnce()) > 0);
  expect(received.map((delivery) => delivery.name)).toEqual(Array(5).fill('Orphan'));
});
