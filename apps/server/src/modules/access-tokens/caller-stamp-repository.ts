import { committedReadsOf } from '../../db/committed-reads';
import type { Database } from '../../db/connection';

/**
 * The version of the caller tables, which triggers move with every change to them (migration 0005-caller-stamp). Every
 * request reads it first: on an SQLite file it is read on the connection for committed reads, without waiting for a
 * transaction to end.
 */
export function callerStampRepository(db: Database) {
  const committed = committedReadsOf(db);
  return {
    async current(): Promise<number> {
      const row = committed
        ? committed.first<{ version: number }>('select version from caller_stamp where id = 1')
        : await db('caller_stamp').select('version').where({ id: 1 }).first();
      if (!row) throw new Error('The caller stamp row is missing: the database was not migrated');
      return row.version;
    },
  };
}
