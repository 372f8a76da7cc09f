import { createServer } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createContainer } from '../container';
import { engineOf } from '../db/connection';
import { deliveriesBenchDatabaseUrl, openBenchDatabase } from './bench-database';
import { positiveInteger } from './bench-settings';
import type { ReceiverOrder, ReceiverReply } from './delivery-receiver-worker';
import type { BenchReport } from './endpoint-bench';
import { listenOnLoopback } from './loopback-server';
import { markdownTable, wholeNumber } from './markdown-table';
import { percentile } from './message-load';
import { productionApp } from './production-app';

/** How many webhooks each event is fanned out to. */
const webhookCount = 3;
/** Messages written at once by the producer, as that many clients would. */
const writers = 10;
/** Messages per conversation: the client API takes at most 200 a minute in one conversation. */
const messagesPerConversation = 150;
/** How long the receiver is down in the outage run, in milliseconds. */
const outageMs = 10_000;

/** The receiver, on a thread of its own: it goes down and comes back on its port when told. */
class Receiver {
  private readonly worker = new Worker(path.join(__dirname, 'delivery-receiver-worker.js'));
  port = 0;

  private ask(order: ReceiverOrder): Promise<ReceiverReply> {
    return new Promise((resolve) => {
      this.worker.once('message', resolve);
      this.worker.postMessage(order);
    });
  }

  async start(): Promise<void> {
    const reply = await this.ask({ type: 'start' });
    if (reply.type === 'listening') this.port = reply.port;
  }

  async stop(): Promise<void> {
    await this.ask({ type: 'stop' });
  }

  /** Each delivery's arrival times, by webhook path and message id, as absolute milliseconds. */
  async arrivals(): Promise<Map<string, number[]>> {
    const reply = await this.ask({ type: 'report' });
    return new Map(reply.type === 'report' ? reply.arrivals : []);
  }

  async close(): Promise<void> {
    await this.stop();
    await this.worker.terminate();
  }
}

/** Now, in absolute milliseconds, comparable across threads. */
const now = () => performance.timeOrigin + performance.now();

interface RunResult {
  eventsPerSecond: number;
  p99Ms: number;
  missing: number;
  duplicated: number;
  seconds: number;
}

/**
 * One run: `events` messages written through the client API, each fanned out to three webhooks on a local receiver
 * by the server's own background work, with the receiver down for `outageMs` from a third of the way in when
 * `outage` is set. Measures from each message's commit (its answer) to each delivery's arrival.
 */
async function deliveryRun(events: number, outage: boolean): Promise<RunResult> {
  const db = await openBenchDatabase(deliveriesBenchDatabaseUrl(), { fresh: true });
  const container = createContainer({
    db,
    eventPollIntervalMs: 50,
    webhookDelivery: { allowPrivateNetworks: true, timeoutMs: 2000, retryPeriodSeconds: 3600 },
  });
  const receiver = new Receiver();
  await receiver.start();
  // One address plays every visitor here: the client API's limit per address is off, as it is for a proxy's.
  const app = await listenOnLoopback(createServer(productionApp(container, { clientApiLimit: undefined })));
  container.startBackgroundWork();
  try {
    const call = async (method: string, path: string, token: string | undefined, body?: unknown) => {
      const response = await fetch(`${app.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token && { api_access_token: token }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
      return (await response.json()) as any;
    };
    const { token: platform } = await container.services.platformApps.create('Delivery bench');
    const account = await call('POST', '/platform/api/v1/accounts', platform, { name: 'Delivery bench' });
    const user = await call('POST', '/platform/api/v1/users', platform, {
      name: 'Bench Admin',
      email: 'bench-admin@deliveries.example',
    });
    await call('POST', `/platform/api/v1/accounts/${account.id}/account_users`, platform, {
      user_id: user.id,
      role: 'administrator',
    });
    const admin = user.access_token as string;
    const A = `/api/v1/accounts/${account.id}`;
    for (let hook = 1; hook <= webhookCount; hook++) {
      await call('POST', `${A}/webhooks`, admin, {
        url: `http://127.0.0.1:${receiver.port}/hook-${hook}`,
        subscriptions: ['message_created'],
      });
    }
    const inbox = await call('POST', `${A}/inboxes`, admin, { name: 'Bench app', channel: { type: 'api' } });
    const contacts = `/public/api/v1/inboxes/${inbox.inbox_identifier}/contacts`;
    const conversations: string[] = [];
    for (let made = 0; made < Math.ceil(events / messagesPerConversation); made++) {
      const contact = await call('POST', contacts, undefined, {});
      const started = await call('POST', `${contacts}/${contact.source_id}/conversations`, undefined, {});
      conversations.push(`${contacts}/${contact.source_id}/conversations/${started.id}/messages`);
    }

    const committedAt = new Map<number, number>();
    const started = now();
    let next = 0;
    let outageDone: Promise<void> = Promise.resolve();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < events) {
          const index = next++;
          if (outage && index === Math.floor(events / 3)) {
            outageDone = receiver
              .stop()
              .then(() => new Promise<void>((resolve) => setTimeout(() => receiver.start().then(resolve), outageMs)));
          }
          const path = conversations[index % conversations.length] as string;
          const message = await call('POST', path, undefined, { content: `Message ${index}` });
          committedAt.set(message.id, now());
        }
      }),
    );
    await outageDone;
    const expected = committedAt.size * webhookCount;
    const deadline = now() + 120_000;
    let arrivals = await receiver.arrivals();
    while (arrivals.size < expected && now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      arrivals = await receiver.arrivals();
    }

    const latencies: number[] = [];
    let duplicated = 0;
    let missing = 0;
    let lastArrival = started;
    for (const [messageId, committed] of committedAt) {
      for (let hook = 1; hook <= webhookCount; hook++) {
        const times = arrivals.get(`/hook-${hook}:${messageId}`);
        if (!times) {
          missing++;
          continue;
        }
        duplicated += times.length - 1;
        latencies.push((times[0] as number) - committed);
        lastArrival = Math.max(lastArrival, times[0] as number);
      }
    }
    latencies.sort((a, b) => a - b);
    const seconds = (lastArrival - started) / 1000;
    return {
      eventsPerSecond: committedAt.size / seconds,
      p99Ms: percentile(latencies, 0.99),
      missing,
      duplicated,
      seconds,
    };
  } finally {
    await container.stopBackgroundWork();
    await app.close();
    await receiver.close();
    await db.destroy();
  }
}

/**
 * The delivery bench: 10,000 `message_created` events (`BENCH_DELIVERY_EVENTS`) fanned out to three webhooks on a local
 * receiver, once with the receiver up throughout and once with it down for ten seconds in the middle. Every delivery
 * must arrive, and none twice.
 */
export async function benchDeliveries(): Promise<BenchReport> {
  const events = positiveInteger('BENCH_DELIVERY_EVENTS', 10_000);
  const engine = engineOf(process.env.DATABASE_URL || 'sqlite:');
  const rows = [['run', 'events', 'seconds', 'events/s delivered', 'p99 commit → delivery', 'missing', 'twice']];
  const failures: string[] = [];
  for (const [name, outage] of [
    ['receiver up', false],
    ['receiver down 10 s', true],
  ] as const) {
    const result = await deliveryRun(events, outage);
    rows.push([
      name,
      wholeNumber.format(events),
      result.seconds.toFixed(1),
      wholeNumber.format(result.eventsPerSecond),
      `${wholeNumber.format(result.p99Ms)} ms`,
      String(result.missing),
      String(result.duplicated),
    ]);
    if (result.missing > 0) failures.push(`deliveries (${name}): ${result.missing} never arrived`);
    if (result.duplicated > 0 && !outage) failures.push(`deliveries (${name}): ${result.duplicated} arrived twice`);
  }
  return {
    lines: [`Deliveries on ${engine}: ${webhookCount} webhooks per event, ${writers} writers`, '', markdownTable(rows)],
    failures,
  };
}
