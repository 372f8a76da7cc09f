import type { Schemas } from '../../http/schemas';
import type { SqlFragment } from './sql-fragment';

/** One condition of a filter, as a request gives it. */
export type FilterCondition = Schemas['FilterCondition'];
export type FilterOperator = FilterCondition['filter_operator'];
export type FilterValue = NonNullable<FilterCondition['values']>[number];

/** Operators that read no values. */
export const presenceOperators: ReadonlySet<FilterOperator> = new Set(['is_present', 'is_not_present']);

/** What a condition's SQL may depend on besides the condition. */
export interface FilterContext {
  /** Now, in unix seconds: `days_before` counts back from the start of today (UTC). */
  nowSeconds: number;
}

/** The SQL of one condition, or, when its values do not fit the attribute, what they should have been. */
export type Predicate = SqlFragment | { expected: string };

/** One key a filter may name: the operators it takes and the SQL each gives. */
export interface FilterAttribute {
  operators: readonly FilterOperator[];
  /**
   * The SQL of `operator`, one of `operators`, over `values`, which hold at least one value unless the operator is
   * a presence operator.
   */
  predicate(operator: FilterOperator, values: FilterValue[], context: FilterContext): Predicate;
}

export const expecting = (expected: string): Predicate => ({ expected });
