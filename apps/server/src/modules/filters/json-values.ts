import type { Database } from '../../db/connection';
import { jsonKeyBinding, jsonText } from '../../db/json-text';
import { column, type SqlFragment, sql } from './sql-fragment';

/*
 * Typed readers of one key of a JSON object column. Each gives NULL for a stored value that is not of its type
 * instead of casting it, because a cast that fails aborts the whole query. PostgreSQL's `->>` gives text (`true`
 * for a JSON true); SQLite's gives a JSON number as a number and a JSON boolean as 1 or 0, so SQLite asks
 * `json_type` what was stored.
 */

const isPostgres = (db: Database) => db.client.config.client === 'pg';

// What PostgreSQL's numeric input accepts, with an exponent short enough never to overflow it.
const postgresNumber = '^\\s*[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d{1,3})?\\s*$';
const longestPostgresNumber = 1000;
const postgresDayStart = '^\\d{4}-\\d{2}-\\d{2}';
const sqliteDayStart = '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*';

/** What SQLite stored under the key: `text`, `integer`, `real`, `true`, `false`, `null`, `object` or `array`. */
const sqliteTypeOf = (db: Database, jsonColumn: string, key: string): SqlFragment =>
  sql`json_type(${column(jsonColumn)}, ${jsonKeyBinding(db, key)})`;

/** The value as a number: a JSON number, or text holding one; NULL for anything else. */
export function jsonNumberValue(db: Database, jsonColumn: string, key: string): SqlFragment {
  const text = jsonText(db, jsonColumn, key);
  if (isPostgres(db)) {
    return sql`(case when ${text} ~ ${postgresNumber} and length(${text}) <= ${longestPostgresNumber}
      then (${text})::numeric end)`;
  }
  // SQLite reads text holding a number as JSON, which has the number's grammar; its CAST would turn words into 0.
  return sql`(case ${sqliteTypeOf(db, jsonColumn, key)}
    when 'integer' then ${text}
    when 'real' then ${text}
    when 'text' then (case when json_valid(${text}) then
      (case when json_type(${text}) in ('integer', 'real') then (${text} ->> '$') end) end) end)`;
}

/** The day (`YYYY-MM-DD`) a date or date-time held as text starts with; NULL for anything else. */
export function jsonDayValue(db: Database, jsonColumn: string, key: string): SqlFragment {
  const text = jsonText(db, jsonColumn, key);
  const startsWithDay = isPostgres(db) ? sql`${text} ~ ${postgresDayStart}` : sql`${text} glob ${sqliteDayStart}`;
  return sql`(case when ${startsWithDay} then substr(${text}, 1, 10) end)`;
}

/** The value as `'true'` or `'false'`: a JSON boolean, or text saying one in any case; NULL for anything else. */
export function jsonBooleanValue(db: Database, jsonColumn: string, key: string): SqlFragment {
  const text = jsonText(db, jsonColumn, key);
  const spelledBoolean = sql`(case when lower(${text}) in ('true', 'false') then lower(${text}) end)`;
  if (isPostgres(db)) return spelledBoolean;
  return sql`(case ${sqliteTypeOf(db, jsonColumn, key)}
    when 'true' then 'true'
    when 'false' then 'false'
    when 'text' then ${spelledBoolean} end)`;
}
