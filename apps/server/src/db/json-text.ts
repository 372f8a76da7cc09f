import type { Database } from './connection';

/**
 * SQL reading one key of a JSON object column as text, with the key as a binding: `->>` on both engines, which on
 * SQLite takes a JSON path rather than a bare key.
 */
export function jsonText(db: Database, column: string, key: string): { sql: string; bindings: string[] } {
  const isPostgres = db.client.config.client === 'pg';
  return {
    sql: `(${column} ->> ?)`,
    bindings: [isPostgres ? key : `$."${key.replace(/(["\\])/g, '\\$1')}"`],
  };
}
