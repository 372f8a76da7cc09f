import { idOf } from '../db/inserted-id';
import { readJson, writeJson } from '../db/json-column';
import { createTestDatabase, manualClock, type TestDatabase } from '../testing';
import type { NewDomainEvent } from './domain-event';
import { createEventRecorder } from './event-recorder';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const clock = manualClock();
const recorder = createEventRecorder({ clock });

function accountCreated(accountId: number): NewDomainEvent {
  return {
    name: 'account_created',
    accountId,
    subject: { type: 'account', id: accountId },
    actor: { type: 'user', id: 3 },
    data: { name: 'Acme', changed_attributes: { name: { previous_value: null, current_value: 'Acme' } } },
  };
}

async function insertAccount(transaction: TestDatabase['db'], name: string): Promise<number> {
  const [row] = await transaction('accounts')
    .insert({
      name,
      custom_attributes: writeJson({}),
      limits: writeJson({}),
      created_at: clock.nowSeconds(),
      updated_at: clock.nowSeconds(),
    })
    .returning('id');
  return idOf(row);
}

test('an event recorded with its change is in the log once the transaction commits', async () => {
  const accountId = await database.db.transaction(async (transaction) => {
    const id = await insertAccount(transaction, 'Committed');
    await recorder.record(transaction, accountCreated(id));
    return id;
  });

  const rows = await database.db('domain_events').where({ subject_type: 'account', subject_id: accountId });
  expect(rows.map((row) => ({ ...row, data: readJson(row.data) }))).toEqual([
    expect.objectContaining({
      name: 'account_created',
      account_id: accountId,
      actor_type: 'user',
      actor_id: 3,
      data: accountCreated(accountId).data,
      occurred_at: clock.nowSeconds(),
    }),
  ]);
});

test('a rollback leaves neither the change nor its event', async () => {
  const before = await database.db('domain_events').count({ count: '*' }).first();
  let accountId = 0;
  await expect(
    database.db.transaction(async (transaction) => {
      accountId = await insertAccount(transaction, 'Rolled back');
      await recorder.record(transaction, accountCreated(accountId));
      throw new Error('the change failed after the event was recorded');
    }),
  ).rejects.toThrow('the change failed');

  expect(await database.db('accounts').where('id', accountId).first()).toBeUndefined();
  expect(await database.db('domain_events').count({ count: '*' }).first()).toEqual(before);
});
