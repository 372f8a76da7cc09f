import type { PermissibleType } from '../../db/column-values';
import type { Database } from '../../db/connection';

export type { PermissibleType };

/** Which accounts, users and agent bots each platform app created, and so may see and change. */
export function permissibleRepository(db: Database) {
  return {
    async grant(platformAppId: number, type: PermissibleType, id: number, now: number): Promise<void> {
      await db('platform_app_permissibles')
        .insert({ platform_app_id: platformAppId, permissible_type: type, permissible_id: id, created_at: now })
        .onConflict(['platform_app_id', 'permissible_type', 'permissible_id'])
        .ignore();
    },

    async isGranted(platformAppId: number, type: PermissibleType, id: number): Promise<boolean> {
      const row = await db('platform_app_permissibles')
        .select('id')
        .where({ platform_app_id: platformAppId, permissible_type: type, permissible_id: id })
        .first();
      return row !== undefined;
    },

    async isGrantedToAnyApp(type: PermissibleType, id: number): Promise<boolean> {
      const row = await db('platform_app_permissibles')
        .select('id')
        .where({ permissible_type: type, permissible_id: id })
        .first();
      return row !== undefined;
    },

    async idsGranted(platformAppId: number, type: PermissibleType): Promise<number[]> {
      const rows: Array<{ permissible_id: number }> = await db('platform_app_permissibles')
        .select('permissible_id')
        .where({ platform_app_id: platformAppId, permissible_type: type });
      return rows.map((row) => row.permissible_id);
    },

    async revokeAll(type: PermissibleType, ids: number[]): Promise<void> {
      if (ids.length === 0) return;
      await db('platform_app_permissibles').where({ permissible_type: type }).whereIn('permissible_id', ids).delete();
    },
  };
}
