import { captureQueries } from '../bench/query-plans';
import type { Database } from '../db/connection';

/** The SQL the database runs through knex while `run` does. */
export async function statementsDuring(db: Database, run: () => Promise<unknown>): Promise<string[]> {
  return (await captureQueries(db, run)).map((query) => query.sql);
}
