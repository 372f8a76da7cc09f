import type { BulkWriter } from './bulk-writer';

/** An index, trigger or foreign key as the database keeps its definition. */
interface StoredDefinition {
  kind: 'index' | 'trigger' | 'constraint';
  name: string;
  sql: string;
}

async function postgresDefinitions(writer: BulkWriter, table: string): Promise<StoredDefinition[]> {
  const indexes = await writer.query<{ name: string; sql: string }>(
    `select indexname as name, indexdef as sql from pg_indexes
     where schemaname = current_schema() and tablename = $1
       and not exists (select 1 from pg_constraint where conname = indexname)
     order by indexname`,
    [table],
  );
  const foreignKeys = await writer.query<{ name: string; sql: string }>(
    `select conname as name, pg_get_constraintdef(oid) as sql from pg_constraint
     where conrelid = $1::regclass and contype = 'f' order by conname`,
    [table],
  );
  // The triggers the migrations made; those PostgreSQL makes itself for foreign keys are internal.
  const triggers = await writer.query<{ name: string; sql: string }>(
    `select tgname as name, pg_get_triggerdef(oid) as sql from pg_trigger
     where tgrelid = $1::regclass and not tgisinternal order by tgname`,
    [table],
  );
  return [
    ...indexes.map((row) => ({ kind: 'index' as const, ...row })),
    ...foreignKeys.map((row) => ({ kind: 'constraint' as const, ...row })),
    ...triggers.map((row) => ({ kind: 'trigger' as const, ...row })),
  ];
}

async function sqliteDefinitions(writer: BulkWriter, table: string): Promise<StoredDefinition[]> {
  // Indexes SQLite made itself for a primary key or a unique column have no statement, and stay.
  return writer.query<StoredDefinition>(
    `select type as kind, name, sql from sqlite_master
     where tbl_name = ? and type in ('index', 'trigger') and sql is not null order by type, name`,
    [table],
  );
}

/**
 * Drops the indexes and triggers of `table` (and, on PostgreSQL, its foreign keys) for the time of a bulk load, and
 * hands back what makes them again, from the statements the database itself kept when the migration made them
 * (SQLite's `sqlite_master`, PostgreSQL's `pg_indexes`, `pg_get_constraintdef` and `pg_get_triggerdef`): the same
 * definitions, whatever the migrations come to say. Building an index once over the loaded rows costs a fraction of
 * keeping it up to date row by row; a unique index or a foreign key made again checks every row, so a faulty load
 * still fails. Primary keys and PostgreSQL's unique constraints stay throughout. `searchTable`, an SQLite full-text
 * table kept in step with `table` by the dropped triggers, is rebuilt from the table before the triggers come back;
 * any other table the triggers keep in step is the caller's to rebuild.
 */
export async function deferIndexes(
  writer: BulkWriter,
  { table, postgres, searchTable }: { table: string; postgres: boolean; searchTable?: string },
): Promise<() => Promise<void>> {
  const definitions = postgres ? await postgresDefinitions(writer, table) : await sqliteDefinitions(writer, table);
  const ofKind = (kind: StoredDefinition['kind']) => definitions.filter((definition) => definition.kind === kind);
  for (const { kind, name } of definitions) {
    if (kind === 'constraint') await writer.execute(`alter table "${table}" drop constraint "${name}"`);
    else if (kind === 'trigger' && postgres) await writer.execute(`drop trigger "${name}" on "${table}"`);
    else await writer.execute(`drop ${kind} "${name}"`);
  }
  return async () => {
    for (const { sql } of ofKind('index')) await writer.execute(sql);
    for (const { name, sql } of ofKind('constraint')) {
      await writer.execute(`alter table "${table}" add constraint "${name}" ${sql}`);
    }
    if (searchTable) await writer.execute(`insert into ${searchTable} (${searchTable}) values ('rebuild')`);
    for (const { sql } of ofKind('trigger')) await writer.execute(sql);
  };
}
