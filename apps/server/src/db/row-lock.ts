import type { Knex } from 'knex';
import type { Database } from './connection';

/**
 * What a transaction does to a row it locks: `change` updates the row or what it owns; `delete` deletes the row.
 */
export type RowLock = 'change' | 'delete';

/**
 * Makes a read inside a transaction lock the rows of `table` it reads until the transaction ends. A change to a row,
 * or to what the row owns (a contact's labels, a team's members, an inbox's bot), reads that row so locked before it
 * reads what it changes: changes to one owner take turns, each reading what the one before it committed, so that none
 * mixes its writes with another's and each event's before and after are what was stored.
 *
 * On PostgreSQL a `change` is `FOR NO KEY UPDATE OF table`, the lock an update of the row takes: writes that merely
 * refer to the row (a new session of the contact) need not wait. A `delete` is `FOR UPDATE OF table`, the lock the
 * delete itself takes: taken up front, so that the delete need not upgrade a weaker lock while a write referring to
 * the row holds its share and waits in turn for the row, which PostgreSQL ends as a deadlock. SQLite needs no lock:
 * its pool is one connection, so a transaction runs alone from its first statement to its commit, and one process
 * serves an SQLite database.
 */
export function lockingRowsOf<Query extends Knex.QueryBuilder>(
  db: Database,
  table: string,
  query: Query,
  lock: RowLock = 'change',
): Query {
  if (db.client.config.client !== 'pg') return query;
  if (lock === 'delete') query.forUpdate(table);
  else query.forNoKeyUpdate(table);
  return query;
}
