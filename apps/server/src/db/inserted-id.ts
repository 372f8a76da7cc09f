/** The id `insert(...).returning('id')` gives back, which is `{id}` on both engines. */
export function idOf(row: unknown): number {
  const id = typeof row === 'object' && row !== null ? (row as { id: unknown }).id : row;
  if (typeof id !== 'number') throw new Error(`insert returned no numeric id: ${JSON.stringify(row)}`);
  return id;
}
