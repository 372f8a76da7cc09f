import { cacheStatements } from './statement-cache';

/** A connection that hands out a new statement object for every prepare, and counts them. */
function countingConnection() {
  const prepared: string[] = [];
  const connection = {
    prepare: (source: string): unknown => {
      prepared.push(source);
      return { source };
    },
  };
  return { connection, prepared };
}

test('prepares a SQL text once and hands back the same statement after', () => {
  const { connection, prepared } = countingConnection();
  cacheStatements(connection);
  const first = connection.prepare('select 1');
  expect(connection.prepare('select 1')).toBe(first);
  expect(prepared).toEqual(['select 1']);
});

test('forgets the least recently used text beyond its capacity', () => {
  const { connection, prepared } = countingConnection();
  cacheStatements(connection, 2);
  connection.prepare('a');
  connection.prepare('b');
  connection.prepare('a');
  connection.prepare('c');
  connection.prepare('a');
  connection.prepare('b');
  expect(prepared).toEqual(['a', 'b', 'c', 'b']);
});
