import { type CommittedReads, committedReadsOf } from '../../db/committed-reads';
import type { Database } from '../../db/connection';

/**
 * The version of the caller tables, which triggers move with every change to them (migration 0005-caller-stamp). Every
 * request reads it first: on an SQLite file it is read on the connection for committed reads, without waiting for a
 * transaction to end.
 */
export function callerStampRepository(db: Database) {
  const committed = committedReadsOf(db);
  /** The stamp last read on the connection for committed reads, and the database's data version then. */
  let known: { stamp: number; dataVersion: number } | undefined;

  function readCommitted(reads: CommittedReads): number {
    // Nothing was committed since the last read (the usual case between two writes): the stamp is as it was read.
    const dataVersion = reads.dataVersion();
    if (known?.dataVersion === dataVersion) return known.stamp;
    const stamp = stampOf(reads.first<{ version: number }>('select version from caller_stamp where id = 1'));
    known = { stamp, dataVersion };
    return stamp;
  }

  return {
    async current(): Promise<number> {
      if (committed) return readCommitted(committed);
      return stampOf(await db('caller_stamp').select('version').where({ id: 1 }).first());
    },
  };
}

function stampOf(row: { version: number } | undefined): number {
  if (!row) throw new Error('The caller stamp row is missing: the database was not migrated');
  return row.version;
}
