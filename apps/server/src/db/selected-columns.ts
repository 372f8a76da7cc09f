import type { TableName, TableRow } from './tables';

// knex types the rows of a query on one table, but not those of a join, whose columns are named `table.column`:
// these types give such a query's rows from the columns it selects, checking each against its table.

type ColumnOf<Name extends TableName> = keyof TableRow<Name> & string;

/** A column of one of the tables as a query on several names it: `table.column`, or `table.column as alias`. */
export type QualifiedColumn<Names extends TableName> = Names extends TableName
  ? `${Names}.${ColumnOf<Names>}` | `${Names}.${ColumnOf<Names>} as ${string}`
  : never;

type NameOf<Column extends string> = Column extends `${string} as ${infer Alias}`
  ? Alias
  : Column extends `${string}.${infer Name}`
    ? Name
    : never;

type ValueOf<Column extends string> = Column extends `${infer Name extends TableName}.${infer Rest}`
  ? (Rest extends `${infer Own} as ${string}` ? Own : Rest) extends infer Own extends ColumnOf<Name>
    ? TableRow<Name>[Own]
    : never
  : never;

/** The row a query selecting these qualified columns gives back: each under its alias, or else its own name. */
export type SelectedRow<Columns extends readonly string[]> = {
  [Column in Columns[number] as NameOf<Column>]: ValueOf<Column>;
};

/** A left join's optional side: the whole row where it matched, every column null where it did not. */
export type LeftJoined<Row> = Row | { [Column in keyof Row]: null };
