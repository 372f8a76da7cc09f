import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import pg from 'pg';
import { backgroundCheckpoints } from './background-checkpoints';
import { closeWithDatabase } from './close-with-database';
import { attachCommittedReads } from './committed-reads';
import { groupCommits, rollBackFailedCommits } from './group-commit';
import { prepareRepeatedStatements } from './prepared-statements';
import { pipelineStatements } from './read-rounds';
import { cacheStatements } from './statement-cache';

// PostgreSQL sends int8 (bigint columns, count(*)) as strings; every such value here fits a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Database = Knex;
export type DatabaseEngine = 'sqlite' | 'postgres';

/** The engine a `DATABASE_URL` selects: `sqlite:<path>` or `postgres://...`. */
export function engineOf(databaseUrl: string): DatabaseEngine {
  if (databaseUrl.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgres';
  throw new Error(`DATABASE_URL must start with "sqlite:" or "postgres://", got "${databaseUrl}"`);
}

/** The PostgreSQL connections kept for requests, whatever the event dispatcher holds. */
const requestConnections = 10;

/**
 * Opens a connection pool for `sqlite:<path>` (embedded, WAL, one connection whose waiting transactions commit
 * together: see `groupCommits`) or `postgres://...`. On PostgreSQL the dispatcher holds
 * a connection for each consumer's batch while the consumer handles it, however long that takes: the pool has one
 * for each of the `dispatchedConsumers` on top of those for requests, so that busy consumers never starve requests.
 */
export function connectDatabase(databaseUrl: string, { dispatchedConsumers = 0 } = {}): Database {
  if (engineOf(databaseUrl) === 'postgres') {
    const db = knex({
      client: 'pg',
      connection: databaseUrl,
      pool: {
        min: 0,
        max: requestConnections + dispatchedConsumers,
        afterCreate: (
          connection: Parameters<typeof prepareRepeatedStatements>[0] & Parameters<typeof pipelineStatements>[0],
          done: (error: null) => void,
        ) => {
          prepareRepeatedStatements(connection);
          pipelineStatements(connection);
          done(null);
        },
      },
    });
    return db;
  }
  const filename = databaseUrl.slice('sqlite:'.length);
  if (filename !== ':memory:') mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  const db = knex({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate: (
        connection: Parameters<typeof rollBackFailedCommits>[0] & { pragma(source: string): unknown },
        done: (error: Error | null) => void,
      ) => {
        connection.pragma('journal_mode = WAL');
        connection.pragma('synchronous = NORMAL');
        // The write-ahead log is folded into the database by a thread of its own (`backgroundCheckpoints`); this
        // connection folds it only if the log still reaches 10,000 pages (40 MB), should that thread fall behind.
        connection.pragma('wal_autocheckpoint = 10000');
        connection.pragma('foreign_keys = ON');
        connection.pragma('busy_timeout = 5000');
        connection.pragma('cache_size = -65536');
        // Savepoints (each transaction of a commit group has one) keep the pages they change in a journal of their
        // own: in memory, not in a temporary file written with a system call per page.
        connection.pragma('temp_store = MEMORY');
        connection.pragma('mmap_size = 1073741824');
        // Refreshes the planner's statistics of tables that changed much since they were last gathered; without
        // them SQLite walks the wrong index for selective contact filters on large accounts.
        connection.pragma('optimize = 0x10002');
        cacheStatements(connection);
        rollBackFailedCommits(connection);
        done(null);
      },
    },
  });
  if (filename === ':memory:') {
    groupCommits(db);
    return db;
  }
  const checkpoints = backgroundCheckpoints(filename);
  groupCommits(db, checkpoints.committed);
  closeWithDatabase(db, checkpoints.stop);
  attachCommittedReads(db, filename);
  return db;
}

/** Whether the database answers a trivial query. */
export async function databaseAnswers(db: Database): Promise<boolean> {
  try {
    await db.raw('select 1');
    return true;
  } catch {
    return false;
  }
}
