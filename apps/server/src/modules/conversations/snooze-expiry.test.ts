import { captureQueries, explain } from '../../bench/query-plans';
import { createTestDatabase, type TestDatabase } from '../../testing';
import { conversationRepository } from './conversation-repository';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

test('the sweep finds due snoozes through the partial index of snoozed conversations', async () => {
  const { db } = database;
  const [query] = await captureQueries(db, () => conversationRepository(db).dueSnoozes(1_763_700_000, 100));
  if (!query) throw new Error('the sweep ran no query');
  // An empty table costs less to scan than to search; PostgreSQL is told not to scan, to show the index is usable.
  const plan = await db.transaction(async (trx) => {
    if (trx.client.config.client === 'pg') await trx.raw('set local enable_seqscan = off');
    return explain(trx, query);
  });
  expect(plan.join('\n')).toContain('conversations_snoozed_until');
});
