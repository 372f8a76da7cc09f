/** JSON columns are text on SQLite and jsonb on PostgreSQL: written as text, read back as either. */
export function writeJson(value: unknown): string {
  return JSON.stringify(value ?? {});
}

export function readJson<T = Record<string, unknown>>(value: unknown): T {
  if (value === null || value === undefined) return {} as T;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
