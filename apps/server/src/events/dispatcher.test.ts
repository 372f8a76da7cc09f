import assert from 'node:assert/strict';
import pino from 'pino';
import { connectDatabase, type Database, engineOf } from '../db/connection';
import { writeJson } from '../db/json-column';
import { createTestDatabase, manualClock, type TestDatabase } from '../testing';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './dispatcher';
import type { DomainEvent, EventConsumer, NewDomainEvent } from './domain-event';
import { createEventRecorder } from './event-recorder';

const onPostgres = engineOf(process.env.DATABASE_URL ?? 'sqlite:') === 'postgres';

const silent = pino({ level: 'silent' });
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  // Only the consumers these tests register: not the one the migrations register for webhook deliveries.
  await database.db('event_consumers').delete();
});
afterAll(() => database.drop());

const clock = manualClock();
const recorder = createEventRecorder({ clock });

// The tests share one database, and a new consumer starts at the beginning of the log: each test records its events
// under an account of its own, and its consumers keep only those.
let lastAccountId = 0;
const newAccountId = () => ++lastAccountId;

function contactUpdated(accountId: number, sequence: number): NewDomainEvent {
  return {
    name: 'contact_updated',
    accountId,
    subject: { type: 'contact', id: sequence },
    actor: { type: 'user', id: 4 },
    data: { sequence },
  };
}

/** Records `count` events of the account, each in a transaction of its own; returns their ids in log order. */
async function recordEvents(accountId: number, count: number): Promise<number[]> {
  for (let sequence = 1; sequence <= count; sequence += 1) {
    await database.db.transaction((transaction) => recorder.record(transaction, contactUpdated(accountId, sequence)));
  }
  return eventIdsInLogOrder(accountId);
}

async function eventIdsInLogOrder(accountId: number): Promise<number[]> {
  return database.db('domain_events').where('account_id', accountId).orderBy('id').pluck('id');
}

/** A consumer that keeps the ids of the account's events it is handed, in the order it is handed them. */
function collector(name: string, accountId: number, delivered: number[] = []) {
  const consumer: EventConsumer = {
    name,
    async handle(event) {
      if (event.accountId === accountId) delivered.push(event.id);
    },
  };
  return { consumer, delivered };
}

function dispatcherOf(consumers: EventConsumer[], options: Partial<DispatcherOptions> = {}): Dispatcher {
  return createDispatcher({ db: database.db, clock, logger: silent, consumers, ...options });
}

/** Runs passes, each handing every consumer one batch, until `done`. */
async function dispatchUntil(dispatcher: Dispatcher, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('the events were not all dispatched in time');
    await dispatcher.runOnce();
    if (!done()) await sleep(20);
  }
}

async function waitUntil(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
}

async function progressOf(name: string) {
  const progress = await database.db('event_consumers').where('name', name).first();
  assert(progress, `consumer "${name}" has no progress row`);
  return progress;
}

/** The id of the account's event of `sequence`, as `db` sees it: a transaction sees the events it recorded itself. */
async function eventIdOf(db: Database, accountId: number, sequence: number): Promise<number> {
  const event = await db('domain_events').where({ account_id: accountId, subject_id: sequence }).first('id');
  assert(event, `account ${accountId} has no event ${sequence}`);
  return event.id;
}

test('hands each committed event to every consumer once, in order, a batch at a time', async () => {
  const accountId = newAccountId();
  const recorded = await recordEvents(accountId, 5);
  const webhooks = collector('hands-once-webhooks', accountId);
  const handedEvents: DomainEvent[] = [];
  const automation: EventConsumer = {
    name: 'hands-once-automation',
    handle: async (event) => {
      if (event.accountId === accountId) handedEvents.push(event);
    },
  };
  const dispatcher = dispatcherOf([webhooks.consumer, automation], { batchSize: 2 });

  await dispatchUntil(dispatcher, () => webhooks.delivered.length === 5 && handedEvents.length === 5);
  await dispatcher.runOnce();

  expect(webhooks.delivered).toEqual(recorded);
  expect(handedEvents.map((event) => event.id)).toEqual(recorded);
  expect(handedEvents[0]).toEqual({
    id: recorded[0],
    ...contactUpdated(accountId, 1),
    occurredAt: clock.nowSeconds(),
  });
});

test('a consumer that takes batches gets each batch in one call, and a failed batch again as a whole', async () => {
  const accountId = newAccountId();
  const recorded = await recordEvents(accountId, 5);
  const calls: number[][] = [];
  let failNext = true;
  const batches: EventConsumer = {
    name: 'takes-batches',
    handle: async () => {
      throw new Error('a consumer that takes batches is never handed one event');
    },
    handleBatch: async (events) => {
      const own = events.filter((event) => event.accountId === accountId).map((event) => event.id);
      if (own.length === 0) return;
      calls.push(own);
      if (failNext) {
        failNext = false;
        throw new Error('the first batch fails');
      }
    },
  };
  const dispatcher = dispatcherOf([batches], {
    batchSize: 3,
    retryBackoff: { firstDelaySeconds: 1, longestDelaySeconds: 1 },
  });
  const handled = () => calls.flat().filter((id) => id === recorded[4]).length === 1;
  const deadline = Date.now() + 10_000;
  while (!handled() && Date.now() < deadline) {
    await dispatcher.runOnce();
    clock.advance(2);
  }
  const ownBatches = calls.filter((call) => call.length > 0);
  // The first batch of the account's events failed and came again whole; then the rest.
  expect(ownBatches[0]).toEqual(ownBatches[1]);
  expect([...new Set(ownBatches.flat())]).toEqual(recorded);
});

test('after a crash, a new dispatcher resumes from the last saved position and delivers the rest once, in order', async () => {
  const accountId = newAccountId();
  const recorded = await recordEvents(accountId, 6);
  const delivered: number[] = [];

  // Created and dropped before running, as by a process that died at start-up.
  dispatcherOf([collector('resumes', accountId, delivered).consumer]);

  let stopped: Promise<void> | undefined;
  const interrupted = dispatcherOf(
    [
      {
        name: 'resumes',
        async handle(event) {
          if (event.accountId !== accountId) return;
          delivered.push(event.id);
          // Stopping from within the batch: stop waits for it to finish and saves its position.
          if (delivered.length === 2) stopped = interrupted.stop();
        },
      },
    ],
    { batchSize: 1, pollIntervalMs: 10 },
  );
  interrupted.start();
  await waitUntil(() => stopped !== undefined);
  await stopped;
  expect(delivered).toEqual(recorded.slice(0, 2));

  const restarted = dispatcherOf([collector('resumes', accountId, delivered).consumer]);
  await dispatchUntil(restarted, () => delivered.length === 6);
  await restarted.runOnce();
  expect(delivered).toEqual(recorded);
});

test('a batch cut short by a crash is handled again from the last saved position', async () => {
  const accountId = newAccountId();
  const recorded = await recordEvents(accountId, 5);
  const delivered: number[] = [];
  // A pool of its own, as another process has, so that the crash can take its connections away.
  const crashingDb = connectDatabase(database.url);
  let crashed = false;
  let hung: (() => void) | undefined;
  const crashing = createDispatcher({
    db: crashingDb,
    clock,
    logger: silent,
    batchSize: 2,
    consumers: [
      {
        name: 'cut-short',
        async handle(event) {
          if (event.accountId !== accountId) return;
          delivered.push(event.id);
          if (delivered.length === 4) await new Promise<void>((resolve) => (hung = resolve));
        },
      },
    ],
  });
  const crashingRuns = (async () => {
    while (!crashed) await crashing.runOnce();
  })();
  await waitUntil(() => hung !== undefined);

  crashed = true;
  await crashProcess(crashingDb);
  hung!();
  await expect(crashingRuns).rejects.toThrow();
  await crashingDb.destroy();

  // The batch under way was not saved: its events come again, after the last one that was.
  const saved = (await progressOf('cut-short')).position_event_id;
  const expected = [...delivered, ...recorded.slice(recorded.indexOf(saved) + 1)];
  expect(expected.length).toBeGreaterThan(recorded.length);
  const restarted = dispatcherOf([collector('cut-short', accountId, delivered).consumer]);
  await dispatchUntil(restarted, () => delivered.length === expected.length);
  await restarted.runOnce();
  expect(delivered).toEqual(expected);
});

/** Takes a dispatcher's database away as its process dying would: its connections end, and with them its locks. */
async function crashProcess(db: Database): Promise<void> {
  if (onPostgres) {
    await database.db.raw(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and state = 'idle in transaction'`,
    );
  } else {
    await db.destroy();
  }
}

test('a consumer seen for the first time starts at the beginning of the log', async () => {
  const accountId = newAccountId();
  const recorded = await recordEvents(accountId, 3);
  const early = collector('early', accountId);
  await dispatchUntil(dispatcherOf([early.consumer]), () => early.delivered.length === 3);

  const late = collector('late', accountId);
  const earlyAgain = collector('early', accountId);
  const dispatcher = dispatcherOf([earlyAgain.consumer, late.consumer]);
  await dispatchUntil(dispatcher, () => late.delivered.length === 3);
  await dispatcher.runOnce();

  expect(late.delivered).toEqual(recorded);
  expect(earlyAgain.delivered).toEqual([]);
});

test('a failing consumer is retried with backoff, without holding up another, then goes on in order', async () => {
  const accountId = newAccountId();
  const recorded = await recordEvents(accountId, 4);
  const failing = recorded[1]!;
  let stillFailing = true;
  let attemptsAtFailing = 0;
  const flaky = collector('flaky', accountId);
  const flakyConsumer: EventConsumer = {
    name: 'flaky',
    async handle(event) {
      if (event.id === failing) {
        attemptsAtFailing += 1;
        if (stillFailing) throw new Error('the webhook endpoint answered 502');
      }
      await flaky.consumer.handle(event);
    },
  };
  const steady = collector('steady', accountId);
  const logLines: Record<string, any>[] = [];
  const logger = pino({}, { write: (line: string) => logLines.push(JSON.parse(line)) });
  const dispatcher = dispatcherOf([flakyConsumer, steady.consumer], {
    logger,
    retryBackoff: { firstDelaySeconds: 5, longestDelaySeconds: 60 },
  });

  await dispatchUntil(dispatcher, () => steady.delivered.length === 4);
  expect(steady.delivered).toEqual(recorded);
  expect(flaky.delivered).toEqual(recorded.slice(0, 1));
  expect(attemptsAtFailing).toBe(1);
  expect(await progressOf('flaky')).toMatchObject({
    position_event_id: recorded[0],
    attempts: 1,
    retry_at: clock.nowSeconds() + 5,
    last_error: 'the webhook endpoint answered 502',
  });
  expect(logLines).toContainEqual(
    expect.objectContaining({
      level: 50,
      consumer: 'flaky',
      eventId: failing,
      err: expect.objectContaining({ message: 'the webhook endpoint answered 502' }),
    }),
  );

  clock.advance(4);
  await dispatcher.runOnce();
  expect(attemptsAtFailing).toBe(1);

  clock.advance(1);
  await dispatcher.runOnce();
  expect(attemptsAtFailing).toBe(2);
  expect(await progressOf('flaky')).toMatchObject({ attempts: 2, retry_at: clock.nowSeconds() + 10 });

  stillFailing = false;
  clock.advance(10);
  await dispatchUntil(dispatcher, () => flaky.delivered.length === 4);
  expect(flaky.delivered).toEqual(recorded);
  expect(steady.delivered).toEqual(recorded);
  expect(await progressOf('flaky')).toMatchObject({ attempts: 0, retry_at: null, last_error: null });
});

test('once started, a wake makes consumers look for events before their next poll', async () => {
  const accountId = newAccountId();
  const realtime = collector('woken', accountId);
  const dispatcher = dispatcherOf([realtime.consumer], { pollIntervalMs: 60_000 });
  dispatcher.start();
  try {
    await sleep(50);
    const recorded = await recordEvents(accountId, 1);
    const deadline = Date.now() + 10_000;
    while (realtime.delivered.length === 0 && Date.now() < deadline) {
      dispatcher.wake();
      await sleep(20);
    }
    expect(realtime.delivered).toEqual(recorded);
  } finally {
    await dispatcher.stop();
  }
});

test('stop waits for the batch under way, whose progress is saved', async () => {
  const accountId = newAccountId();
  const recorded = await recordEvents(accountId, 1);
  let release: (() => void) | undefined;
  const dispatcher = dispatcherOf(
    [
      {
        name: 'stopped-mid-batch',
        async handle(event) {
          if (event.accountId === accountId) await new Promise<void>((resolve) => (release = resolve));
        },
      },
    ],
    { pollIntervalMs: 10 },
  );
  dispatcher.start();
  await waitUntil(() => release !== undefined);

  let stopped = false;
  const stopping = dispatcher.stop().then(() => {
    stopped = true;
  });
  await sleep(50);
  expect(stopped).toBe(false);

  release!();
  await stopping;
  expect(await progressOf('stopped-mid-batch')).toMatchObject({ position_event_id: recorded[0], attempts: 0 });
});

test('two consumers may not share a name', () => {
  const { consumer } = collector('twice', 0);
  expect(() => dispatcherOf([consumer, consumer])).toThrow('two event consumers are named "twice"');
});

(onPostgres ? test : test.skip)(
  'on PostgreSQL, a transaction that commits after a later one loses none of its events',
  async () => {
    const accountId = newAccountId();
    const trap = collector('commit-order', accountId);
    const dispatcher = dispatcherOf([trap.consumer]);

    const open = await database.db.transaction();
    let heldOpen: number;
    let committedLater: number;
    try {
      await recorder.record(open, contactUpdated(accountId, 1));
      await database.db.transaction((transaction) => recorder.record(transaction, contactUpdated(accountId, 2)));
      committedLater = await eventIdOf(database.db, accountId, 2);
      heldOpen = await eventIdOf(open, accountId, 1);
      expect(committedLater).toBeGreaterThan(heldOpen);

      await dispatcher.runOnce();
      expect(trap.delivered).toEqual([]);
    } finally {
      // Ends the transaction even when an expectation failed, or the pool would never close.
      await open.commit();
    }
    await dispatchUntil(dispatcher, () => trap.delivered.length === 2);
    await dispatcher.runOnce();
    expect(trap.delivered).toEqual([heldOpen, committedLater]);
  },
);

(onPostgres ? test : test.skip)(
  'on PostgreSQL, a transaction left open in another database of the server does not delay dispatch',
  async () => {
    const elsewhere = await createTestDatabase();
    await elsewhere.db('event_consumers').delete();
    const open = await elsewhere.db.transaction();
    try {
      // It writes, and records an event in that database's log, whose recording lock it holds until it ends.
      await recorder.record(open, contactUpdated(1, 1));
      const accountId = newAccountId();
      const recorded = await recordEvents(accountId, 1);
      const prompt = collector('not-held-back-by-another-database', accountId);

      await dispatcherOf([prompt.consumer], { batchSize: 1000 }).runOnce();
      expect(prompt.delivered).toEqual(recorded);
    } finally {
      await open.commit();
      await elsewhere.drop();
    }
  },
);

(onPostgres ? test : test.skip)(
  'on PostgreSQL, a transaction left open in this database that writes without recording an event does not delay dispatch',
  async () => {
    const open = await database.db.transaction();
    try {
      await open('accounts').insert({
        name: 'Written while events are dispatched',
        custom_attributes: writeJson({}),
        limits: writeJson({}),
        created_at: clock.nowSeconds(),
        updated_at: clock.nowSeconds(),
      });
      const accountId = newAccountId();
      const recorded = await recordEvents(accountId, 1);
      const prompt = collector('not-held-back-by-a-writer', accountId);

      await dispatcherOf([prompt.consumer], { batchSize: 1000 }).runOnce();
      expect(prompt.delivered).toEqual(recorded);
    } finally {
      await open.commit();
    }
  },
);

(onPostgres ? test : test.skip)(
  'on PostgreSQL, dispatchers of two processes share the work and hand each event to each consumer exactly once',
  async () => {
    const accountId = newAccountId();
    const writers = 4;
    const eventsPerWriter = 40;
    const total = writers * eventsPerWriter;
    const delivered = { webhooks: [] as DomainEvent[], automation: [] as DomainEvent[] };
    const handledByProcess = [0, 0];
    const consumersOf = (processIndex: number): EventConsumer[] =>
      (['webhooks', 'automation'] as const).map((name) => ({
        name: `shared-${name}`,
        async handle(event) {
          if (event.accountId !== accountId) return;
          delivered[name].push(event);
          handledByProcess[processIndex]! += 1;
          await sleep(Math.random() * 2);
        },
      }));
    // Separate pools, as separate processes have.
    const pools = [connectDatabase(database.url), connectDatabase(database.url)];
    const dispatchers = pools.map((db, processIndex) =>
      createDispatcher({
        db,
        clock,
        logger: silent,
        consumers: consumersOf(processIndex),
        batchSize: 7,
        pollIntervalMs: 5,
      }),
    );
    for (const dispatcher of dispatchers) dispatcher.start();

    try {
      // Writers whose transactions overlap and commit out of id order.
      await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          for (let sequence = 1; sequence <= eventsPerWriter; sequence += 1) {
            await database.db.transaction(async (transaction) => {
              await recorder.record(transaction, {
                ...contactUpdated(accountId, sequence),
                data: { writer, sequence },
              });
              await sleep(Math.random() * 3);
            });
          }
        }),
      );
      const deadline = Date.now() + 15_000;
      while (delivered.webhooks.length < total || delivered.automation.length < total) {
        if (Date.now() > deadline) break;
        await sleep(20);
      }
      await Promise.all(dispatchers.map((dispatcher) => dispatcher.runOnce()));
    } finally {
      await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
      await Promise.all(pools.map((db) => db.destroy()));
    }

    expect(handledByProcess.every((handled) => handled > 0)).toBe(true);
    const logOrder = await eventIdsInLogOrder(accountId);
    expect(logOrder).toHaveLength(total);
    for (const events of [delivered.webhooks, delivered.automation]) {
      expect(events.map((event) => event.id)).toEqual(logOrder);
      for (let writer = 0; writer < writers; writer += 1) {
        const sequences = events.filter((event) => event.data.writer === writer).map((event) => event.data.sequence);
        expect(sequences).toEqual(Array.from({ length: eventsPerWriter }, (_, index) => index + 1));
      }
    }
  },
  30_000,
);

describe('pruning', () => {
  let own: TestDatabase;
  beforeAll(async () => {
    own = await createTestDatabase();
    await own.db('event_consumers').delete();
  });
  afterAll(() => own.drop());

  test('runOnce prunes the handled events past the retention, once per prune interval', async () => {
    const pruneClock = manualClock();
    const ownRecorder = createEventRecorder({ clock: pruneClock });
    for (const sequence of [1, 2]) await ownRecorder.record(own.db, contactUpdated(1, sequence));
    const { consumer, delivered } = collector('pruned', 1);
    const dispatcher = createDispatcher({
      db: own.db,
      clock: pruneClock,
      logger: silent,
      consumers: [consumer],
      retentionSeconds: 100,
      pruneIntervalSeconds: 1000,
    });
    await dispatchUntil(dispatcher, () => delivered.length === 2);

    pruneClock.advance(101);
    await dispatcher.runOnce();
    expect(await own.db('domain_events').count({ count: '*' }).first()).toEqual({ count: 2 });

    pruneClock.advance(1000);
    await dispatcher.runOnce();
    expect(await own.db('domain_events').count({ count: '*' }).first()).toEqual({ count: 0 });
  });
});
