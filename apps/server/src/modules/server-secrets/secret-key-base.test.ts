import { systemClock } from '../../config/clock';
import { connectDatabase } from '../../db/connection';
import { createTestDatabase, type TestDatabase } from '../../testing';
import { secretKeys } from './secret-key-base';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

test('processes that need the secret key base at once on one database all get the one kept there', async () => {
  const connections = [database.db, connectDatabase(database.url), connectDatabase(database.url)];
  try {
    const keys = await Promise.all(
      connections.map((db) => secretKeys({ db, clock: systemClock, given: undefined }).keyFor('attachment-links')),
    );
    expect(keys[1]).toEqual(keys[0]);
    expect(keys[2]).toEqual(keys[0]);
    expect(await database.db('server_secrets').select('name')).toEqual([{ name: 'secret_key_base' }]);
  } finally {
    await Promise.all(connections.slice(1).map((db) => db.destroy()));
  }
});

test('each purpose has its own key, and SECRET_KEY_BASE, when given, is used instead of the kept one', async () => {
  const kept = secretKeys({ db: database.db, clock: systemClock, given: undefined });
  const given = secretKeys({ db: database.db, clock: systemClock, given: 'g'.repeat(64) });
  expect(await kept.keyFor('attachment-links')).not.toEqual(await kept.keyFor('another purpose'));
  expect(await given.keyFor('attachment-links')).not.toEqual(await kept.keyFor('attachment-links'));
  expect(await given.keyFor('attachment-links')).toEqual(
    await secretKeys({ db: database.db, clock: systemClock, given: 'g'.repeat(64) }).keyFor('attachment-links'),
  );
});
