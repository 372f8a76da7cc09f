import { createTestDatabase, roundsDuring, statementsDuring, type TestDatabase } from '../testing';
import { engineOf } from './connection';
import { inOneRound } from './read-rounds';

const onPostgres = engineOf(process.env.DATABASE_URL ?? 'sqlite:') === 'postgres';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** The server process answering a statement of `db`: on PostgreSQL, one per connection. */
const serverProcess = async (db: TestDatabase['db']) => {
  const result = await db.raw(onPostgres ? 'select pg_backend_pid() as pid' : 'select 1 as pid');
  return Number((onPostgres ? result.rows : result)[0].pid);
};

(onPostgres ? test : test.skip)(
  'the reads of a round are sent together on one connection, each before any answer came back',
  async () => {
    const { db } = database;
    let processes: number[] = [];
    const rounds = await roundsDuring(db, async () => {
      processes = await inOneRound(db, (round) =>
        Promise.all([serverProcess(round), serverProcess(round), serverProcess(round)]),
      );
    });
    expect(new Set(processes).size).toBe(1);
    expect(rounds).toHaveLength(1);
  },
);

(onPostgres ? test : test.skip)(
  'a failing read fails its round, the others still answer, and the connection serves what comes next',
  async () => {
    const { db } = database;
    const answered: number[] = [];
    const round = inOneRound(db, (reads) =>
      Promise.all([
        serverProcess(reads).then((pid) => answered.push(pid)),
        reads.raw('select * from no_such_table'),
        serverProcess(reads).then((pid) => answered.push(pid)),
      ]),
    );
    await expect(round).rejects.toThrow(/no_such_table/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toHaveLength(2);
    const after = await Promise.all(Array.from({ length: 12 }, () => serverProcess(db)));
    expect(after.every((pid) => pid > 0)).toBe(true);
  },
);

test('its statements are heard by listeners on the database, and on SQLite a round is the database itself', async () => {
  const { db } = database;
  const statements = await statementsDuring(db, () =>
    inOneRound(db, async (round) => {
      if (!onPostgres) expect(round).toBe(db);
      return Promise.all([serverProcess(round), serverProcess(round)]);
    }),
  );
  expect(statements).toHaveLength(2);
});

test('inside a transaction, a round runs on the transaction', async () => {
  const { db } = database;
  await db.transaction(async (trx) => {
    await inOneRound(trx, async (round) => {
      expect(round).toBe(trx);
    });
  });
});
