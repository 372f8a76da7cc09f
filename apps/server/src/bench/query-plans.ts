import type { Database } from '../db/connection';

/** A statement as knex sent it: SQL with `?` placeholders and its bindings. */
export interface CapturedQuery {
  sql: string;
  bindings: unknown[];
}

/** The statements `db` runs while `work` runs (and anything else that runs on it meanwhile). */
export async function captureQueries(db: Database, work: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const listener = (query: { sql: string; bindings?: unknown[] }) =>
    captured.push({ sql: query.sql, bindings: query.bindings ?? [] });
  db.on('query', listener);
  try {
    await work();
  } finally {
    db.off('query', listener);
  }
  return captured;
}

/** A row of SQLite's `explain query plan`: one step, under the step `parent`. */
interface SqlitePlanStep {
  id: number;
  parent: number;
  detail: string;
}

/** SQLite's `explain query plan` rows drawn as the indented tree the sqlite3 shell shows. */
function sqliteTree(rows: SqlitePlanStep[]): string[] {
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((row) => {
    const level = (depth.get(row.parent) ?? -1) + 1;
    depth.set(row.id, level);
    return `${'  '.repeat(level)}${row.detail}`;
  });
}

/**
 * How the engine runs `query`: SQLite's `explain query plan`, or PostgreSQL's `explain analyze` (which runs the
 * statement, so that the plan shows the rows and the time each step really took).
 */
export async function explain(db: Database, query: CapturedQuery): Promise<string[]> {
  const bindings = query.bindings as Parameters<Database['raw']>[1] & unknown[];
  if (db.client.config.client === 'pg') {
    // knex reports PostgreSQL statements with their $n placeholders, which it numbers in the order of the bindings.
    const sqlWithPlaceholders = query.sql.replace(/\$\d+/g, '?');
    const result = await db.raw<{ rows: Array<{ 'QUERY PLAN': string }> }>(
      `explain (analyze, costs off, buffers off) ${sqlWithPlaceholders}`,
      bindings,
    );
    return result.rows.map((row) => row['QUERY PLAN']);
  }
  return sqliteTree(await db.raw<SqlitePlanStep[]>(`explain query plan ${query.sql}`, bindings));
}
