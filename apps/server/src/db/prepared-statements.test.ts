import { createTestDatabase, type TestDatabase } from '../testing';
import { engineOf } from './connection';
import { preparedPerConnection } from './prepared-statements';

const onPostgres = engineOf(process.env.DATABASE_URL ?? 'sqlite:') === 'postgres';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** The texts of the statements the connection running the transaction keeps prepared. */
const preparedTexts = async (trx: TestDatabase['db']) =>
  ((await trx.raw('select statement from pg_prepared_statements')).rows as Array<{ statement: string }>).map(
    (row) => row.statement,
  );

(onPostgres ? test : test.skip)('a PostgreSQL connection prepares the statements it runs, once each', async () => {
  await database.db.transaction(async (trx) => {
    for (let run = 0; run < 3; run++)
      await trx('accounts')
        .where({ id: run + 1 })
        .first();
    const prepared = await preparedTexts(trx);
    expect(prepared.filter((text) => text.includes('from "accounts"'))).toHaveLength(1);
    // Transaction control is not prepared.
    expect(prepared.some((text) => /^\s*(begin|commit|savepoint)/i.test(text))).toBe(false);
  });
});

(onPostgres ? test : test.skip)(
  `past ${preparedPerConnection} texts, a connection runs new ones unprepared, and they still answer`,
  async () => {
    await database.db.transaction(async (trx) => {
      for (let columns = 1; columns <= preparedPerConnection + 5; columns++) {
        const answer = await trx.raw(`select ${Array.from({ length: columns }, (_, i) => `${i} as c${i}`).join(', ')}`);
        expect(Object.keys(answer.rows[0])).toHaveLength(columns);
      }
      expect((await preparedTexts(trx)).length).toBeLessThanOrEqual(preparedPerConnection);
    });
  },
);
