import type { AppError } from '../../errors/app-error';
import { compileFilter, type FilterVocabulary } from './compile-filter';
import { expecting, type FilterAttribute, type FilterCondition } from './filter-attribute';
import { column, sql } from './sql-fragment';

/** An attribute whose SQL names its key and binds its first value, refusing the value `bad`. */
const attribute = (name: string): FilterAttribute => ({
  operators: ['equal_to', 'is_present'],
  predicate: (operator, values) =>
    values[0] === 'bad' ? expecting('good values') : sql`${column(`${name} ${operator}`)} ${values[0] ?? 'none'}`,
});

const vocabulary: FilterVocabulary = {
  standard: new Map([
    ['a', attribute('a')],
    ['b', attribute('b')],
    ['c', attribute('c')],
  ]),
  defaultModel: 'contact_attribute',
  custom: { contact_attribute: new Map([['plan', attribute('plan')]]) },
};

const condition = (key: string, join?: string | null, values: string[] = [key]): FilterCondition => ({
  attribute_key: key,
  filter_operator: 'equal_to',
  values,
  ...(join !== undefined && { query_operator: join }),
});

const compile = (conditions: FilterCondition[]) => compileFilter(conditions, vocabulary, { nowSeconds: 0 });

function problemsOf(conditions: FilterCondition[]) {
  try {
    compile(conditions);
  } catch (error) {
    return (error as AppError).problems;
  }
  throw new Error('compiled');
}

describe('compileFilter', () => {
  test('joins strictly left to right, whatever SQL would do with AND before OR', () => {
    const compiled = compile([condition('a', 'OR'), condition('b', 'AND'), condition('c')]);
    expect(compiled).toEqual({
      sql: '(((a equal_to ?) or (b equal_to ?)) and (c equal_to ?))',
      bindings: ['a', 'b', 'c'],
    });
  });

  test('reads AND and OR in any case', () => {
    expect(compile([condition('a', 'oR'), condition('b', 'aNd'), condition('c', '')]).sql).toBe(
      '(((a equal_to ?) or (b equal_to ?)) and (c equal_to ?))',
    );
  });

  test('refuses any query operator on the last condition, even AND or OR, which would join it to nothing', () => {
    for (const join of ['AND', 'or', 'XOR']) {
      expect(problemsOf([condition('a', 'AND'), condition('b', join)])).toEqual([
        { attribute: 'payload.1.query_operator', message: 'Query operator must be either "AND" or "OR".' },
      ]);
    }
  });

  test('finds custom attributes of the default model', () => {
    expect(compile([condition('plan', null, ['pro'])])).toEqual({ sql: '(plan equal_to ?)', bindings: ['pro'] });
  });

  test('names the field of every malformed condition', () => {
    const problems = problemsOf([
      condition('nickname', 'AND'),
      { ...condition('a'), filter_operator: 'contains' },
      condition('b', 'XOR', ['bad']),
      { attribute_key: 'c', filter_operator: 'equal_to' },
    ]);
    expect(problems.map((problem) => problem.attribute)).toEqual([
      'payload.0.attribute_key',
      'payload.1.filter_operator',
      'payload.1.query_operator',
      'payload.2.values',
      'payload.2.query_operator',
      'payload.3.values',
    ]);
    expect(problems.map((problem) => problem.message)).toEqual([
      'Invalid attribute key - [nickname]. The key should be one of [a, b, c] or a custom attribute defined in the account.',
      'Invalid operator. The allowed operators for a are [equal_to, is_present]',
      'Query operator must be either "AND" or "OR".',
      'Invalid value - [bad] for b: equal_to takes good values',
      'Query operator must be either "AND" or "OR".',
      'Invalid value. The values provided for c are invalid',
    ]);
  });

  test('presence operators need no values', () => {
    expect(compile([{ attribute_key: 'a', filter_operator: 'is_present' }]).sql).toBe('(a is_present ?)');
  });

  test('refuses a custom attribute type the resource does not carry', () => {
    const problems = problemsOf([{ ...condition('plan'), custom_attribute_type: 'company_attribute' }]);
    expect(problems).toEqual([
      {
        attribute: 'payload.0.custom_attribute_type',
        message: 'Invalid custom attribute type - [company_attribute]. The type should be one of [contact_attribute]',
      },
    ]);
  });

  test('a malformed filter is a 422', () => {
    expect(() => compile([condition('nickname')])).toThrow(expect.objectContaining({ status: 422 }));
  });
});
