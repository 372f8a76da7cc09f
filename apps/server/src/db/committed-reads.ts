import BetterSqlite3 from 'better-sqlite3';
import type { Knex } from 'knex';
import { closeWithDatabase } from './close-with-database';

/** Reads of what is committed, answered at once on a connection of their own. */
export interface CommittedReads {
  /** The first row the statement answers, or undefined. */
  first<Row>(sql: string, ...bindings: unknown[]): Row | undefined;
  /** A number that changes whenever a commit changes the database, from any connection or process. */
  dataVersion(): number;
}

const readersByDatabase = new WeakMap<Knex, CommittedReads>();

/**
 * Gives an SQLite database file a second connection, for reads that must see only what is committed and must not wait
 * for the pool's one connection, which a transaction holds from its first statement to its commit: the caller stamp
 * that every request reads before anything else. Write-ahead logging lets it read while a transaction writes. It is
 * opened on first use and closed with the pool.
 */
export function attachCommittedReads(db: Knex, filename: string): void {
  let connection: BetterSqlite3.Database | undefined;
  const statements = new Map<string, BetterSqlite3.Statement>();
  const open = (): BetterSqlite3.Database => {
    if (connection) return connection;
    connection = new BetterSqlite3(filename, { fileMustExist: true });
    connection.pragma('query_only = ON');
    connection.pragma('busy_timeout = 5000');
    return connection;
  };
  const prepared = (sql: string): BetterSqlite3.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = open().prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  readersByDatabase.set(db, {
    first<Row>(sql: string, ...bindings: unknown[]) {
      return prepared(sql).get(...bindings) as Row | undefined;
    },
    // This connection never writes, so its data version moves with every commit of the others.
    dataVersion: () => prepared('pragma data_version').pluck().get() as number,
  });
  closeWithDatabase(db, () => {
    connection?.close();
    connection = undefined;
    statements.clear();
  });
}

/** The committed reads of an SQLite file database; undefined for PostgreSQL and in-memory databases. */
export function committedReadsOf(db: Knex): CommittedReads | undefined {
  return readersByDatabase.get(db);
}
