import assert from 'node:assert/strict';
import { type Database, engineOf } from '../db/connection';
import { createTestDatabase, manualClock, type TestDatabase } from '../testing';
import type { NewDomainEvent } from './domain-event';
import { createEventRecorder } from './event-recorder';
import { type LoggedEvent, type LogPosition, logStart, readEventsAfter } from './event-store';

const onPostgres = engineOf(process.env.DATABASE_URL ?? 'sqlite:') === 'postgres';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const clock = manualClock();
const recorder = createEventRecorder({ clock });

function contactUpdated(contactId: number): NewDomainEvent {
  return {
    name: 'contact_updated',
    accountId: 1,
    subject: { type: 'contact', id: contactId },
    actor: { type: 'system', id: null },
    data: { contact: { id: contactId } },
  };
}

/** Reads until `count` events are readable after `position`: on PostgreSQL, any transaction of the server holds them back. */
async function readWhenReadable(position: LogPosition, count: number): Promise<LoggedEvent[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const events = await readEventsAfter(database.db, position, 100);
    if (events.length >= count || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The id of the contact's event, as `db` sees it: a transaction sees the events it recorded itself. */
async function eventIdOf(db: Database, contactId: number): Promise<number> {
  const event = await db('domain_events').where('subject_id', contactId).first('id');
  assert(event, `contact ${contactId} has no event`);
  return event.id;
}

let lastRead = logStart;

test('reads committed events in log order after a position, up to a limit', async () => {
  for (const contactId of [1, 2, 3]) await recorder.record(database.db, contactUpdated(contactId));

  const events = await readWhenReadable(logStart, 3);
  expect(events.map(({ event }) => event.subject.id)).toEqual([1, 2, 3]);
  expect(events[0]!.event).toEqual({
    id: expect.any(Number),
    ...contactUpdated(1),
    occurredAt: clock.nowSeconds(),
  });
  expect(events.map(({ position }) => position.eventId)).toEqual(events.map(({ event }) => event.id));

  const afterFirst = await readEventsAfter(database.db, events[0]!.position, 1);
  expect(afterFirst.map(({ event }) => event.subject.id)).toEqual([2]);
  lastRead = events[2]!.position;
});

(onPostgres ? test : test.skip)(
  'on PostgreSQL, an open transaction holds back its event and every event committed after it, until it ends',
  async () => {
    const open = await database.db.transaction();
    try {
      await recorder.record(open, contactUpdated(10));
      await recorder.record(database.db, contactUpdated(11));
      expect(await eventIdOf(database.db, 11)).toBeGreaterThan(await eventIdOf(open, 10));

      expect(await readEventsAfter(database.db, lastRead, 100)).toEqual([]);
    } finally {
      // Ends the transaction even when an expectation failed, or the pool would never close.
      await open.commit();
    }
    const events = await readWhenReadable(lastRead, 2);
    expect(events.map(({ event }) => event.subject.id)).toEqual([10, 11]);
  },
);
