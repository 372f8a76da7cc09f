import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';

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
