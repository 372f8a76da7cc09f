import assert from 'node:assert/strict';
import { type Database, engineOf } from '../db/connection';
import { writeJson } from '../db/json-column';
import { createTestDatabase, manualClock, type TestDatabase } from '../testing';
import type { NewDomainEvent } from './domain-event';
import { createEventRecorder } from './event-recorder';
import { latestEventId, logStart, readEventsAfter, settledEventId } from './event-store';

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

/** The id of the contact's event, as `db` sees it: a transaction sees the events it recorded itself. */
async function eventIdOf(db: Database, contactId: number): Promise<number> {
  const event = await db('domain_events').where('subject_id', contactId).first('id');
  assert(event, `contact ${contactId} has no event`);
  return event.id;
}

let lastRead = logStart;

test('reads committed events in id order after a position, up to a bound and a limit', async () => {
  for (const contactId of [1, 2, 3]) await recorder.record(database.db, contactUpdated(contactId));
  const first = await eventIdOf(database.db, 1);
  const second = await eventIdOf(database.db, 2);
  const third = await eventIdOf(database.db, 3);

  const events = await readEventsAfter(database.db, logStart, { upTo: third, limit: 100 });
  expect(events.map((event) => event.id)).toEqual([first, second, third]);
  expect(events[0]).toEqual({ id: first, ...contactUpdated(1), occurredAt: clock.nowSeconds() });

  const afterFirst = await readEventsAfter(database.db, first, { upTo: third, limit: 1 });
  expect(afterFirst.map((event) => event.id)).toEqual([second]);
  const upToSecond = await readEventsAfter(database.db, logStart, { upTo: second, limit: 100 });
  expect(upToSecond.map((event) => event.id)).toEqual([first, second]);
  lastRead = third;
});

test('with no transaction recording, every committed event is settled', async () => {
  expect(await latestEventId(database.db)).toBe(lastRead);
  expect(await settledEventId(database.db)).toBe(lastRead);
});

(onPostgres ? test : test.skip)(
  'on PostgreSQL, an open transaction that recorded an event leaves it and every later one unsettled, until it ends',
  async () => {
    const open = await database.db.transaction();
    let committedLater: number;
    try {
      await recorder.record(open, contactUpdated(10));
      await recorder.record(database.db, contactUpdated(11));
      committedLater = await eventIdOf(database.db, 11);
      expect(committedLater).toBeGreaterThan(await eventIdOf(open, 10));
      expect(await latestEventId(database.db)).toBe(committedLater);

      expect(await settledEventId(database.db)).toBeUndefined();
    } finally {
      // Ends the transaction even when an expectation failed, or the pool would never close.
      await open.commit();
    }
    expect(await settledEventId(database.db)).toBe(committedLater);
    const events = await readEventsAfter(database.db, lastRead, { upTo: committedLater, limit: 100 });
    expect(events.map((event) => event.subject.id)).toEqual([10, 11]);
  },
);

(onPostgres ? test : test.skip)(
  'on PostgreSQL, an event inserted other than through the recorder holds back settling as well',
  async () => {
    const settledBefore = await settledEventId(database.db);
    const open = await database.db.transaction();
    try {
      await open('domain_events').insert({
        name: 'contact_updated',
        account_id: 1,
        subject_type: 'contact',
        subject_id: 20,
        actor_type: 'system',
        data: writeJson({}),
        occurred_at: clock.nowSeconds(),
      });
      expect(await settledEventId(database.db)).toBeUndefined();
    } finally {
      await open.rollback();
    }
    expect(await settledEventId(database.db)).toBe(settledBefore);
  },
);
