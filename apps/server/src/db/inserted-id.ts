/** The id of the row `insert(...).returning('id')` gave back, which is `{ id }` on both engines. */
export function idOf(row: { id: number } | undefined): number {
  if (row === undefined) throw new Error('insert returned no row');
  return row.id;
}
