import { engineOf } from '../db/connection';
import { createTestDatabase, manualClock, type TestDatabase } from '../testing';
import type { NewDomainEvent } from './domain-event';
import { createEventRecorder } from './event-recorder';
import { latestEventId, logStart } from './event-store';
import { createReadHorizon } from './read-horizon';

const onPostgres = engineOf(process.env.DATABASE_URL ?? 'sqlite:') === 'postgres';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const recorder = createEventRecorder({ clock: manualClock() });

function contactUpdated(contactId: number): NewDomainEvent {
  return {
    name: 'contact_updated',
    accountId: 1,
    subject: { type: 'contact', id: contactId },
    actor: { type: 'system', id: null },
    data: {},
  };
}

test('every answer reaches the events committed before the call, also when calls overlap', async () => {
  const horizon = createReadHorizon(database.db);
  expect(await horizon.settledUpTo()).toBe(logStart);

  await recorder.record(database.db, contactUpdated(1));
  const first = await latestEventId(database.db);
  const overlapping = [horizon.settledUpTo(), horizon.settledUpTo()];
  await recorder.record(database.db, contactUpdated(2));
  const second = await latestEventId(database.db);
  overlapping.push(horizon.settledUpTo(), horizon.settledUpTo());

  const answers = await Promise.all(overlapping);
  expect(answers.slice(0, 2).every((answer) => answer >= first)).toBe(true);
  expect(answers.slice(2)).toEqual([second, second]);
  expect(await horizon.settledUpTo()).toBe(second);
});

(onPostgres ? test : test.skip)(
  'on PostgreSQL, while a transaction that recorded an event is open, the answer stays where it was',
  async () => {
    const horizon = createReadHorizon(database.db);
    const settled = await horizon.settledUpTo();
    const open = await database.db.transaction();
    try {
      await recorder.record(open, contactUpdated(3));
      await recorder.record(database.db, contactUpdated(4));
      expect(await horizon.settledUpTo()).toBe(settled);
    } finally {
      await open.commit();
    }
    expect(await horizon.settledUpTo()).toBe(await latestEventId(database.db));
  },
);
