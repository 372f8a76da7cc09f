import type { Database } from './connection';

/** `text` with LIKE's wildcards and backslash escaped, for a pattern used with `escape '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * The engine's case-insensitive LIKE operator: ILIKE on PostgreSQL; SQLite's LIKE already ignores case (of ASCII
 * letters, while matching other letters exactly).
 */
export function likeIgnoringCase(db: Database): 'ilike' | 'like' {
  return db.client.config.client === 'pg' ? 'ilike' : 'like';
}
