import type { Database } from '../../db/connection';

export interface PlatformAppRecord {
  id: number;
  name: string;
  created_at: number;
  updated_at: number;
}

export function platformAppRepository(db: Database) {
  return {
    async insert(name: string, now: number): Promise<PlatformAppRecord> {
      const [row] = await db('platform_apps').insert({ name, created_at: now, updated_at: now }).returning('id');
      return { id: idOf(row), name, created_at: now, updated_at: now };
    },

    async findById(id: number): Promise<PlatformAppRecord | undefined> {
      return db('platform_apps').where({ id }).first();
    },
  };
}

/** The id `insert(...).returning('id')` gives back, which is `{id}` on both engines. */
export function idOf(row: unknown): number {
  const id = typeof row === 'object' && row !== null ? (row as { id: unknown }).id : row;
  if (typeof id !== 'number') throw new Error(`insert returned no numeric id: ${JSON.stringify(row)}`);
  return id;
}
