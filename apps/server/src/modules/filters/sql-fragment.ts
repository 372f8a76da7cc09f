/** A value a filter binds into its SQL. */
export type BoundValue = string | number | boolean;

/** A piece of SQL with its bindings, in the order of its `?` placeholders. */
export interface SqlFragment {
  sql: string;
  bindings: BoundValue[];
}

const isFragment = (part: SqlFragment | BoundValue): part is SqlFragment => typeof part === 'object';

/**
 * SQL written as a template: interpolated fragments are inlined with their bindings, any other interpolated value
 * becomes a `?` binding, so that no value ever reaches the SQL text.
 *
 * @example sql`lower(${column}) = lower(${name})`
 */
export function sql(strings: TemplateStringsArray, ...parts: (SqlFragment | BoundValue)[]): SqlFragment {
  let text = strings[0] ?? '';
  const bindings: BoundValue[] = [];
  parts.forEach((part, index) => {
    if (isFragment(part)) {
      text += part.sql;
      bindings.push(...part.bindings);
    } else {
      text += '?';
      bindings.push(part);
    }
    text += strings[index + 1] ?? '';
  });
  return { sql: text, bindings };
}

/** Fragments joined by `separator`, such as `, ` for an IN list or ` or ` for alternatives. */
export function joinSql(fragments: SqlFragment[], separator: string): SqlFragment {
  return {
    sql: fragments.map((fragment) => fragment.sql).join(separator),
    bindings: fragments.flatMap((fragment) => fragment.bindings),
  };
}

/** Values as a comma-separated list of bindings, such as the right side of IN. */
export const sqlList = (values: BoundValue[]): SqlFragment => ({
  sql: values.map(() => '?').join(', '),
  bindings: [...values],
});

/** A column or other expression without bindings, written by the code and never by a request. */
export const column = (expression: string): SqlFragment => ({ sql: expression, bindings: [] });
