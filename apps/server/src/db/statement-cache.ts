import { LruMap } from '../cache/lru-map';

/** The part of a better-sqlite3 connection the statement cache wraps. */
interface PreparingConnection {
  prepare(source: string): unknown;
}

/**
 * Makes the connection reuse the statements it prepared for the most recent distinct SQL texts. Knex prepares every
 * query afresh, and preparing costs as much as running a short query; requests repeat the same few texts.
 */
export function cacheStatements(connection: PreparingConnection, capacity = 500): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new LruMap<string, unknown>(capacity);
  connection.prepare = (source: string) => {
    const cached = statements.get(source);
    if (cached !== undefined) return cached;
    const statement = prepare(source);
    statements.set(source, statement);
    return statement;
  };
}
