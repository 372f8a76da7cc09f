import type { Database } from '../../db/connection';

/** The version of the caller tables, which triggers move with every change to them (migration 0005-caller-stamp). */
export function callerStampRepository(db: Database) {
  return {
    async current(): Promise<number> {
      const row = await db('caller_stamp').select('version').where({ id: 1 }).first();
      if (!row) throw new Error('The caller stamp row is missing: the database was not migrated');
      return row.version;
    },
  };
}
