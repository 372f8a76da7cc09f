import type { Knex } from 'knex';

type TransactionHandler = (transaction: Knex.Transaction) => Promise<unknown>;

interface QueuedTransaction {
  handler: TransactionHandler;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

type Outcome = { failed: false; value: unknown } | { failed: true; error: unknown };

/** How many queued transactions one commit carries at most, so that a long queue is not answered all at the end. */
const largestGroup = 32;

/**
 * Makes the database commit transactions that wait for its connection together. SQLite's pool is one connection, so
 * transactions run one after another whatever happens; committing is the dearest part of a short write (each page it
 * changed is written to the write-ahead log), and concurrent writes change the same pages (a busy conversation's row,
 * the tops of the indexes). Transactions asked for in the same turn of the event loop, or while a group runs, queue
 * here; they then run one after another inside a single transaction, each in a savepoint of its own, and commit once.
 * Each handler is given the group's transaction (a savepoint made by hand costs two statements; a nested knex
 * transaction also builds a transaction object per handler), so nothing in a handler may commit or roll it back. A handler that fails is rolled
 * back to its savepoint and rejects alone; the others commit. Each caller's promise settles only after the commit
 * (or its failure, which fails them all), so no caller answers before its writes are durable.
 *
 * Only `transaction(handler)` is grouped: a transaction started with a config or without a handler runs as before.
 * `committed` is called after each commit of a group.
 */
export function groupCommits(db: Knex, committed: () => void = () => undefined): void {
  const startTransaction = db.transaction.bind(db) as (handler: TransactionHandler) => Promise<unknown>;
  const queue: QueuedTransaction[] = [];
  let draining = false;

  async function runGroup(group: QueuedTransaction[]): Promise<void> {
    const [only] = group;
    if (group.length === 1 && only) {
      await startTransaction(only.handler).then((value) => {
        committed();
        only.resolve(value);
      }, only.reject);
      return;
    }
    const outcomes: Outcome[] = [];
    try {
      await startTransaction(async (outer) => {
        for (const queued of group) {
          await outer.raw('SAVEPOINT grouped');
          try {
            outcomes.push({ failed: false, value: await queued.handler(outer) });
          } catch (error) {
            outcomes.push({ failed: true, error });
            await outer.raw('ROLLBACK TO grouped');
          }
          await outer.raw('RELEASE grouped');
        }
      });
    } catch (commitError) {
      group.forEach((queued, index) => {
        const outcome = outcomes[index];
        queued.reject(outcome?.failed ? outcome.error : commitError);
      });
      return;
    }
    committed();
    group.forEach((queued, index) => {
      const outcome = outcomes[index];
      if (!outcome) queued.reject(new Error('the grouped transaction ended before this one ran'));
      else if (outcome.failed) queued.reject(outcome.error);
      else queued.resolve(outcome.value);
    });
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) await runGroup(queue.splice(0, largestGroup));
    } finally {
      draining = false;
    }
  }

  const original = db.transaction;
  Object.defineProperty(db, 'transaction', {
    configurable: true,
    writable: true,
    value: function transaction(...args: unknown[]) {
      const [handler, config] = args;
      if (typeof handler !== 'function' || config !== undefined) return Reflect.apply(original, db, args);
      return new Promise((resolve, reject) => {
        queue.push({ handler: handler as TransactionHandler, resolve, reject });
        if (draining) return;
        // Statements on SQLite answer at once, so a transaction would otherwise run to its commit within the turn of
        // the event loop that asked for it, and none would ever wait for another: the group starts after the requests
        // that have arrived meanwhile have had their turn, and ask for their transactions.
        draining = true;
        setImmediate(() => void drain());
      });
    },
  });
}

/** The part of a better-sqlite3 connection that `rollBackFailedCommits` wraps. */
interface SqliteConnection {
  prepare(source: string): unknown;
  exec(source: string): unknown;
  readonly inTransaction: boolean;
}

interface RunnableStatement {
  run(...bindings: unknown[]): unknown;
}

/**
 * Makes a `COMMIT` that fails roll the transaction back there and then. SQLite keeps a transaction open when its commit
 * is refused (a deferred constraint, a full disk), and knex hands the connection back to its pool as it is: the next
 * request would read the refused writes, and a later commit would keep them.
 */
export function rollBackFailedCommits(connection: SqliteConnection): void {
  const prepare = connection.prepare.bind(connection);
  connection.prepare = (source: string) => {
    const statement = prepare(source);
    if (!/^\s*commit\b/i.test(source)) return statement;
    const commit = statement as RunnableStatement;
    return {
      reader: false,
      run(...bindings: unknown[]) {
        try {
          return commit.run(...bindings);
        } catch (error) {
          if (connection.inTransaction) connection.exec('ROLLBACK');
          throw error;
        }
      },
    };
  };
}
