import { type FieldProblem, validationError } from '../../errors/app-error';
import type { AttributeModel } from '../custom-attributes/custom-attribute-vocabulary';
import {
  type FilterAttribute,
  type FilterCondition,
  type FilterContext,
  type FilterOperator,
  presenceOperators,
} from './filter-attribute';
import { column, type SqlFragment, sql } from './sql-fragment';

/** The keys a resource's filter may name. */
export interface FilterVocabulary {
  /** The resource's own keys, listed in this order when a condition names an unknown one. */
  standard: ReadonlyMap<string, FilterAttribute>;
  /** The model whose custom attributes a condition names when it gives no `custom_attribute_type`. */
  defaultModel: AttributeModel;
  /** The custom attributes of each model the resource carries, by key. */
  custom: Partial<Record<AttributeModel, ReadonlyMap<string, FilterAttribute>>>;
}

type Join = 'and' | 'or';

/** A condition's problem, with the field of the condition it is about. */
interface ConditionProblem {
  field: 'attribute_key' | 'custom_attribute_type' | 'filter_operator' | 'values' | 'query_operator';
  message: string;
}

const queryOperatorProblem: ConditionProblem = {
  field: 'query_operator',
  message: 'Query operator must be either "AND" or "OR".',
};

/**
 * How a condition joins the next one. The last joins none, so it gives no operator (null, absent or empty): one it
 * gives, even AND or OR, would join it to nothing, and the reference refuses it.
 */
function joinOf(condition: FilterCondition, isLast: boolean): Join | ConditionProblem | undefined {
  const given = condition.query_operator ?? '';
  if (isLast) return given === '' ? undefined : queryOperatorProblem;
  const join = given.toLowerCase();
  return join === 'and' || join === 'or' ? join : queryOperatorProblem;
}

function attributeOf(condition: FilterCondition, vocabulary: FilterVocabulary): FilterAttribute | ConditionProblem {
  const key = condition.attribute_key;
  const standard = vocabulary.standard.get(key);
  if (standard) return standard;
  const model = condition.custom_attribute_type ?? vocabulary.defaultModel;
  const custom = vocabulary.custom[model];
  if (!custom) {
    return {
      field: 'custom_attribute_type',
      message: `Invalid custom attribute type - [${model}]. The type should be one of [${Object.keys(vocabulary.custom).join(', ')}]`,
    };
  }
  const attribute = custom.get(key);
  if (attribute) return attribute;
  return {
    field: 'attribute_key',
    message: `Invalid attribute key - [${key}]. The key should be one of [${[...vocabulary.standard.keys()].join(
      ', ',
    )}] or a custom attribute defined in the account.`,
  };
}

const isProblem = (value: unknown): value is ConditionProblem =>
  typeof value === 'object' && value !== null && 'field' in value;

function predicateOf(
  condition: FilterCondition,
  vocabulary: FilterVocabulary,
  context: FilterContext,
): SqlFragment | ConditionProblem {
  const attribute = attributeOf(condition, vocabulary);
  if (isProblem(attribute)) return attribute;
  const key = condition.attribute_key;
  const operator: FilterOperator = condition.filter_operator;
  if (!attribute.operators.includes(operator)) {
    return {
      field: 'filter_operator',
      message: `Invalid operator. The allowed operators for ${key} are [${attribute.operators.join(', ')}]`,
    };
  }
  const values = condition.values ?? [];
  if (values.length === 0 && !presenceOperators.has(operator)) {
    return { field: 'values', message: `Invalid value. The values provided for ${key} are invalid` };
  }
  const invalidValues = (expected: string): ConditionProblem => ({
    field: 'values',
    message: `Invalid value - [${values.join(', ')}] for ${key}: ${operator} takes ${expected}`,
  });
  const predicate = attribute.predicate(operator, values, context);
  return 'expected' in predicate ? invalidValues(predicate.expected) : predicate;
}

/**
 * The SQL of a filter's conditions, joined strictly left to right: `a OR b AND c` is `(a OR b) AND c`. Every
 * malformed condition is one problem of a single 422 that names the condition's field.
 */
export function compileFilter(
  conditions: FilterCondition[],
  vocabulary: FilterVocabulary,
  context: FilterContext,
): SqlFragment {
  const problems: FieldProblem[] = [];
  const predicates: SqlFragment[] = [];
  const joins: Join[] = [];
  conditions.forEach((condition, index) => {
    const at = (problem: ConditionProblem) =>
      problems.push({ attribute: `payload.${index}.${problem.field}`, message: problem.message });
    const predicate = predicateOf(condition, vocabulary, context);
    if (isProblem(predicate)) at(predicate);
    else predicates.push(predicate);
    const join = joinOf(condition, index === conditions.length - 1);
    if (isProblem(join)) at(join);
    else if (join) joins.push(join);
  });
  if (problems.length > 0 || predicates.length === 0) {
    throw validationError(problems.length > 0 ? problems : [{ attribute: 'payload', message: 'is empty' }]);
  }
  const [first, ...rest] = predicates as [SqlFragment, ...SqlFragment[]];
  return rest.reduce(
    (joined, next, index) => sql`(${joined} ${column(joins[index] as Join)} (${next}))`,
    sql`(${first})`,
  );
}
