import knex from 'knex';
import { writeJson } from './json-column';
import type { QualifiedColumn } from './selected-columns';

// The typecheck holds these queries against the table types: each `@ts-expect-error` marks a mistake it must refuse,
// and fails the typecheck when the mistake goes through. Jest only builds the queries, without a database, to show
// that knex itself would send them.
const db = knex({ client: 'pg' });

const team = { account_id: 1, name: 'Support', name_key: 'support', created_at: 0, updated_at: 0 };

describe('the table types refuse', () => {
  test('a column the table does not have, in an insert, an update or a condition', () => {
    const queries = [
      // @ts-expect-error teams have no colour
      db('teams').insert({ ...team, colour: 'blue' }),
      // @ts-expect-error teams have no colour
      db('teams').where({ id: 1 }).update({ colour: 'blue' }),
      // @ts-expect-error the column is name
      db('teams').where({ nmae: 'Support' }),
    ];
    expect(queries.map((query) => query.toSQL().sql)).toEqual([
      expect.stringContaining('"colour"'),
      expect.stringContaining('"colour"'),
      expect.stringContaining('"nmae"'),
    ]);
  });

  test('an insert leaving out a column that has no default', () => {
    const { name_key, ...withoutKey } = team;
    // @ts-expect-error name_key is not null and has no default
    expect(db('teams').insert(withoutKey).toSQL().sql).not.toContain('name_key');
  });

  test('a value the database computes, in an insert', () => {
    const contact = {
      account_id: 1,
      additional_attributes: writeJson({ country_code: 'DE' }),
      custom_attributes: writeJson({}),
      created_at: 0,
      updated_at: 0,
    };
    // @ts-expect-error the database generates country_code from additional_attributes
    const insert = db('contacts').insert({ ...contact, country_code: 'de' });
    expect(insert.toSQL().sql).toContain('"country_code"');
  });

  test('JSON written other than through writeJson, or of another shape', () => {
    const definition = () => db('custom_attribute_definitions').where({ id: 1 });
    // @ts-expect-error SQLite refuses an array; the PostgreSQL driver sends one as a PostgreSQL array, not JSON
    const unwritten = definition().update({ attribute_values: ['gold', 'silver'] });
    // @ts-expect-error the attribute values are a list of strings
    const misshapen = definition().update({ attribute_values: writeJson({ gold: 1 }) });
    expect([unwritten, misshapen].map((query) => query.toSQL().sql)).toEqual([
      expect.stringContaining('"attribute_values"'),
      expect.stringContaining('"attribute_values"'),
    ]);
  });

  test('reading a column the query did not select, or a boolean as though it were one on SQLite', () => {
    const query = db('teams').select('id', 'allow_auto_assign').where({ id: 1 }).first();
    const read = (row: Awaited<typeof query>) => {
      // @ts-expect-error only id and allow_auto_assign are selected
      const name: string | undefined = row?.name;
      // @ts-expect-error SQLite gives 0 or 1
      const allowed: boolean | undefined = row?.allow_auto_assign;
      return [name, allowed];
    };
    expect(read({ id: 1, allow_auto_assign: 1 })).toEqual([undefined, 1]);
  });

  test('a column of a join that its table does not have', () => {
    // @ts-expect-error the column is team_members.user_id
    const columns = ['teams.id', 'team_members.member_id'] as const satisfies readonly QualifiedColumn<
      'teams' | 'team_members'
    >[];
    expect(columns).toHaveLength(2);
  });
});
