/// <reference path="./make-knex.d.ts" />
import type { Knex } from 'knex';
// knex makes its query interface over a client with this; a round makes one over a client of one connection.
import makeKnex from 'knex/lib/knex-builder/make-knex';

/** The part of a pg client a round uses: pipelining, and the socket its messages are written to. */
interface PipelinedConnection {
  pipeline: boolean;
  connection: { stream: { cork(): void; uncork(): void } };
}

/** The knex client methods a round's client replaces. */
interface PooledClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
  emit(event: string | symbol, ...args: unknown[]): boolean;
  _events?: unknown;
  _eventsCount?: number;
}

/** The query interface of each pooled connection, made the first time a round runs on it. */
const onConnection = new WeakMap<PipelinedConnection, Knex>();

/** Makes each new PostgreSQL connection pipeline: send a statement without waiting for the answers to those before. */
export function pipelineStatements(connection: PipelinedConnection): void {
  connection.pipeline = true;
}

/**
 * `db` with every statement run on `connection`, which it neither takes from nor gives back to the pool. Its events
 * are `db`'s: a listener on `db` hears the statements of its rounds.
 */
function boundTo(db: Knex, connection: PipelinedConnection): Knex {
  const known = onConnection.get(connection);
  if (known) return known;
  const pooled = db.client as PooledClient;
  const client: PooledClient = Object.create(pooled);
  client.acquireConnection = () => Promise.resolve(connection);
  client.releaseConnection = () => Promise.resolve();
  // Listeners of its own, so that those the query interface adds do not pile up on the pool's client.
  client._events = Object.create(null);
  client._eventsCount = 0;
  client.emit = (event, ...args) => pooled.emit(event, ...args);
  const bound: Knex = makeKnex(client);
  onConnection.set(connection, bound);
  return bound;
}

/**
 * Runs reads that do not wait for one another as one round trip. On PostgreSQL, `reads` is given `db` over one
 * connection: the statements it issues before it first waits are written to the server at once and answered in turn
 * (pipelining), instead of taking a connection each. On the two-core machine a statement's own write, and the server
 * process it wakes, cost more than most of these reads, and a desk page makes eight of them at once. On SQLite, whose
 * one connection answers each statement before the next is sent, `reads` is given `db` itself.
 *
 * Only for reads: a transaction begun in a round would hold the round's connection.
 */
export async function inOneRound<Result>(db: Knex, reads: (db: Knex) => Promise<Result>): Promise<Result> {
  // A transaction's statements already share its connection, and pipeline.
  if (db.client.config.client !== 'pg' || db.isTransaction) return reads(db);
  const pooled = db.client as PooledClient;
  const connection = (await pooled.acquireConnection()) as PipelinedConnection;
  const stream = connection.connection.stream;
  stream.cork();
  let corked = true;
  const uncork = () => {
    if (!corked) return;
    corked = false;
    stream.uncork();
  };
  // knex sends a statement a few promise steps after it is built; by the next turn of the event loop every statement
  // the reads issued without waiting sits in the corked socket, which then sends them together.
  setImmediate(uncork);
  try {
    return await reads(boundTo(db, connection));
  } finally {
    uncork();
    await pooled.releaseConnection(connection);
  }
}
