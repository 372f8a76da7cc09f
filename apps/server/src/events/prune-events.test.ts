import assert from 'node:assert/strict';
import { createTestDatabase, manualClock, type TestDatabase } from '../testing';
import { registerConsumers, saveProgress } from './consumer-progress';
import type { NewDomainEvent } from './domain-event';
import { createEventRecorder } from './event-recorder';
import { pruneEvents } from './prune-events';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  // Only the consumers these tests register: not the one the migrations register for webhook deliveries.
  await database.db('event_consumers').delete();
});
afterAll(() => database.drop());

const retentionSeconds = 1000;
const clock = manualClock();
const recorder = createEventRecorder({ clock });
const prune = () => pruneEvents({ db: database.db, clock, retentionSeconds });

function contactUpdated(contactId: number): NewDomainEvent {
  return {
    name: 'contact_updated',
    accountId: 1,
    subject: { type: 'contact', id: contactId },
    actor: { type: 'system', id: null },
    data: {},
  };
}

/** The contacts whose events remain, in log order. */
async function remaining(): Promise<number[]> {
  return database.db('domain_events').orderBy('id').pluck('subject_id');
}

async function eventIdOf(contactId: number): Promise<number> {
  const event = await database.db('domain_events').where('subject_id', contactId).first('id');
  assert(event, `contact ${contactId} has no event`);
  return event.id;
}

async function moveConsumer(consumerId: number, contactId: number): Promise<void> {
  const position = await eventIdOf(contactId);
  await saveProgress(database.db, consumerId, { position, attempts: 0, retryAt: null, lastError: null }, 0);
}

test('with no consumer registered, events older than the retention are deleted', async () => {
  await recorder.record(database.db, contactUpdated(1));
  clock.advance(retentionSeconds);
  await recorder.record(database.db, contactUpdated(2));

  expect(await prune()).toBe(0);
  clock.advance(1);
  expect(await prune()).toBe(1);
  expect(await remaining()).toEqual([2]);
});

test('only events older than the retention that every consumer has passed are deleted', async () => {
  await database.db('domain_events').delete();
  await recorder.record(database.db, contactUpdated(3));
  await recorder.record(database.db, contactUpdated(4));
  await recorder.record(database.db, contactUpdated(5));
  clock.advance(retentionSeconds);
  await recorder.record(database.db, contactUpdated(6));
  const consumers = await registerConsumers(database.db, ['fast', 'slow'], clock.nowSeconds());
  await moveConsumer(consumers.get('fast')!, 6);
  await moveConsumer(consumers.get('slow')!, 4);
  clock.advance(1);

  expect(await prune()).toBe(2);
  expect(await remaining()).toEqual([5, 6]);

  await moveConsumer(consumers.get('slow')!, 6);
  expect(await prune()).toBe(1);
  expect(await remaining()).toEqual([6]);

  clock.advance(retentionSeconds);
  expect(await prune()).toBe(1);
  expect(await remaining()).toEqual([]);
});

test('a consumer registered but not yet run holds back pruning from the start of the log', async () => {
  await recorder.record(database.db, contactUpdated(7));
  await registerConsumers(database.db, ['new'], clock.nowSeconds());
  clock.advance(retentionSeconds + 1);

  expect(await prune()).toBe(0);
  expect(await remaining()).toEqual([7]);
});
