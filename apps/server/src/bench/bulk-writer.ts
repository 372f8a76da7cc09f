import type { Database } from '../db/connection';
import type { TableName } from '../db/tables';

/** A row as the bulk writer takes it: every row of one call has the same columns, in the same order. */
type BulkRow = object;

/** What the bench needs of a better-sqlite3 connection. */
interface SqliteConnection {
  prepare(source: string): { run(values: unknown[]): unknown };
  exec(source: string): void;
}

/** What the bench needs of a node-postgres client. */
interface PostgresClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/**
 * Writes many rows fast, on one connection taken from the pool for the whole load (knex, which is kept out of the
 * way, would spend more time binding thousands of values per statement than the database spends storing them).
 * SQLite gets prepared multi-row inserts; PostgreSQL one `insert … select from unnest(…)` per call, an array per
 * column, which it parses much faster than thousands of separate parameters.
 */
export interface BulkWriter {
  insert(table: TableName, rows: BulkRow[]): Promise<void>;
  /** Runs statements (index and trigger definitions, maintenance) on the writer's connection. */
  execute(sql: string): Promise<void>;
  query<Row>(sql: string, values?: unknown[]): Promise<Row[]>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  release(): Promise<void>;
}

// Under SQLite's default limit of 32,766 bound values per statement for the widest table.
const sqliteRowsPerStatement = 400;

export async function openBulkWriter(db: Database): Promise<BulkWriter> {
  const connection: unknown = await db.client.acquireConnection();
  const release = async () => {
    await db.client.releaseConnection(connection);
  };
  return db.client.config.client === 'pg'
    ? postgresWriter(connection as PostgresClient, release)
    : sqliteWriter(connection as SqliteConnection, release);
}

function sqliteWriter(connection: SqliteConnection, release: () => Promise<void>): BulkWriter {
  const statementFor = (table: string, columns: string[], rowCount: number) => {
    const placeholders = `(${columns.map(() => '?').join(', ')})`;
    return connection.prepare(
      `insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: rowCount }, () => placeholders).join(', ')}`,
    );
  };
  // SQLite has no boolean type: the server stores them as 0 and 1.
  const stored = (value: unknown) => (typeof value === 'boolean' ? Number(value) : value);
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0]!);
      const full = statementFor(table, columns, Math.min(sqliteRowsPerStatement, rows.length));
      for (let start = 0; start < rows.length; start += sqliteRowsPerStatement) {
        const slice = rows.slice(start, start + sqliteRowsPerStatement);
        const statement = slice.length === sqliteRowsPerStatement ? full : statementFor(table, columns, slice.length);
        const values: unknown[] = [];
        for (const row of slice) for (const column of columns) values.push(stored(row[column as keyof typeof row]));
        statement.run(values);
      }
    },
    async execute(sql) {
      connection.exec(sql);
    },
    async query<Row>(sql: string, values: unknown[] = []) {
      return (connection.prepare(sql) as unknown as { all(values: unknown[]): Row[] }).all(values);
    },
    async begin() {
      connection.exec('begin');
    },
    async commit() {
      connection.exec('commit');
    },
    release,
  };
}

function postgresWriter(client: PostgresClient, release: () => Promise<void>): BulkWriter {
  const columnTypes = new Map<string, Map<string, string>>();
  const typesOf = async (table: string) => {
    let types = columnTypes.get(table);
    if (!types) {
      const { rows } = await client.query(
        'select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = $1',
        [table],
      );
      types = new Map(rows.map((row) => [String(row.column_name), String(row.udt_name)]));
      columnTypes.set(table, types);
    }
    return types;
  };
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0]!);
      const types = await typesOf(table);
      const arrays = columns.map(() => [] as unknown[]);
      for (const row of rows) {
        columns.forEach((column, index) => {
          arrays[index]!.push(row[column as keyof typeof row]);
        });
      }
      const unnested = columns.map((column, index) => `$${index + 1}::${types.get(column)}[]`).join(', ');
      await client.query(`insert into ${table} (${columns.join(', ')}) select * from unnest(${unnested})`, arrays);
    },
    async execute(sql) {
      await client.query(sql);
    },
    async query<Row>(sql: string, values: unknown[] = []) {
      return (await client.query(sql, values)).rows as Row[];
    },
    async begin() {
      await client.query('begin');
    },
    async commit() {
      await client.query('commit');
    },
    release,
  };
}
