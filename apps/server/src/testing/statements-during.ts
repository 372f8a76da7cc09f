import type { Database } from '../db/connection';

/** The SQL the database runs through knex while `run` does. */
export async function statementsDuring(db: Database, run: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const listener = (query: { sql: string }) => statements.push(query.sql);
  db.on('query', listener);
  try {
    await run();
  } finally {
    db.off('query', listener);
  }
  return statements;
}
