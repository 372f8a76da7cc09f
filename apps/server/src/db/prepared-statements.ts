/** How many statements one PostgreSQL connection keeps prepared at most: the hot ones are met first. */
export const preparedPerConnection = 200;

/** Statements that read or change rows; transaction control, settings and schema changes are sent as they are. */
const preparable = /^\s*(select|with|insert|update|delete)\b/i;

/** What knex hands the pg driver for a statement. */
interface QueryConfig {
  text: string;
  name?: string;
}

/** The part of a pg client this wraps. */
interface PgConnection {
  query(...args: unknown[]): unknown;
}

const isQueryConfig = (value: unknown): value is QueryConfig =>
  typeof value === 'object' && value !== null && typeof (value as QueryConfig).text === 'string';

/**
 * Makes a PostgreSQL connection prepare each statement text under a name the first time it runs, and from then on only
 * bind and run it. knex sends every statement unnamed, which PostgreSQL parses and plans again each time: planning
 * alone took up to 2.5 ms for a conversation page, more than running it. A prepared statement is planned for its
 * values its first five runs, then PostgreSQL keeps a generic plan if that costs no more. The names are per
 * connection, as PostgreSQL's prepared statements are; past `preparedPerConnection` texts (lists of ids of every
 * length make many), new texts run unnamed.
 */
export function prepareRepeatedStatements(connection: PgConnection): void {
  const query = connection.query.bind(connection);
  const names = new Map<string, string>();
  connection.query = (config: unknown, ...rest: unknown[]) => {
    if (!isQueryConfig(config) || config.name !== undefined || !preparable.test(config.text)) {
      return query(config, ...rest);
    }
    let name = names.get(config.text);
    if (name === undefined && names.size < preparedPerConnection) {
      name = `inquirly_${names.size + 1}`;
      names.set(config.text, name);
    }
    return query(name === undefined ? config : { ...config, name }, ...rest);
  };
}
