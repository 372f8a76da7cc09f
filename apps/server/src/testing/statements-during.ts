import { captureQueries } from '../bench/query-plans';
import type { Database } from '../db/connection';

/** The SQL the database runs through knex while `run` does. */
export async function statementsDuring(db: Database, run: () => Promise<unknown>): Promise<string[]> {
  return (await captureQueries(db, run)).map((query) => query.sql);
}

/**
 * The SQL the database runs through knex while `run` does, in rounds: a round is the statements sent one after
 * another before any answer came back, so `run` waits for the database once per round. On SQLite's one connection
 * each statement waits for the one before it and is a round of its own.
 */
export async function roundsDuring(db: Database, run: () => Promise<unknown>): Promise<string[][]> {
  const rounds: string[][] = [];
  let answeredSinceLastSent = true;
  const sent = (query: { sql: string }) => {
    if (answeredSinceLastSent) rounds.push([]);
    rounds.at(-1)?.push(query.sql);
    answeredSinceLastSent = false;
  };
  const answered = () => {
    answeredSinceLastSent = true;
  };
  db.on('query', sent).on('query-response', answered).on('query-error', answered);
  try {
    await run();
  } finally {
    db.off('query', sent).off('query-response', answered).off('query-error', answered);
  }
  return rounds;
}
