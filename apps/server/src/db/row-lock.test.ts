import knex from 'knex';
import { lockingRowsOf } from './row-lock';

// Jest only builds the queries, without a database, to show the lock each asks PostgreSQL for.
const postgres = knex({ client: 'pg' });
const sqlite = knex({ client: 'better-sqlite3', useNullAsDefault: true });

describe('lockingRowsOf', () => {
  test('on PostgreSQL locks a row to change with the lock of an update, and a row to delete with that of a delete', () => {
    const change = lockingRowsOf(postgres, 'teams', postgres('teams').where({ id: 1 }));
    const deletion = lockingRowsOf(postgres, 'teams', postgres('teams').where({ id: 1 }), 'delete');
    expect(change.toSQL().sql).toMatch(/ for no key update of "teams"$/);
    expect(deletion.toSQL().sql).toMatch(/ for update of "teams"$/);
  });

  test('on SQLite adds no lock', () => {
    const deletion = lockingRowsOf(sqlite, 'teams', sqlite('teams').where({ id: 1 }), 'delete');
    expect(deletion.toSQL().sql).toBe('select * from `teams` where `id` = ?');
  });
});
