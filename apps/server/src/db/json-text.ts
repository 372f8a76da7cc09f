import type { Database } from './connection';

/** How the engine's JSON operators and functions take one key of an object: the key on PostgreSQL, a path on SQLite. */
export function jsonKeyBinding(db: Database, key: string): string {
  return db.client.config.client === 'pg' ? key : `$."${key.replace(/(["\\])/g, '\\$1')}"`;
}

/**
 * SQL reading one key of a JSON object column as text, with the key as a binding: `->>` on both engines, which on
 * SQLite takes a JSON path rather than a bare key.
 */
export function jsonText(db: Database, column: string, key: string): { sql: string; bindings: string[] } {
  return { sql: `(${column} ->> ?)`, bindings: [jsonKeyBinding(db, key)] };
}
