import type { TokenOwnerType } from '../../db/column-values';
import type { Database } from '../../db/connection';

export type { TokenOwnerType };

export interface AccessTokenRecord {
  id: number;
  owner_type: TokenOwnerType;
  owner_id: number;
  token: string;
}

/** Access tokens of platform apps, users and agent bots: one per owner. */
export function accessTokenRepository(db: Database) {
  return {
    async insert(ownerType: TokenOwnerType, ownerId: number, token: string, now: number): Promise<void> {
      await db('access_tokens').insert({
        owner_type: ownerType,
        owner_id: ownerId,
        token,
        created_at: now,
        updated_at: now,
      });
    },

    async findByToken(token: string): Promise<AccessTokenRecord | undefined> {
      return db('access_tokens').select('id', 'owner_type', 'owner_id', 'token').where({ token }).first();
    },

    async tokenOf(ownerType: TokenOwnerType, ownerId: number): Promise<string | undefined> {
      const row = await db('access_tokens').select('token').where({ owner_type: ownerType, owner_id: ownerId }).first();
      return row?.token;
    },

    async tokensOf(ownerType: TokenOwnerType, ownerIds: number[]): Promise<Map<number, string>> {
      if (ownerIds.length === 0) return new Map();
      const rows = await db('access_tokens')
        .select('owner_id', 'token')
        .where({ owner_type: ownerType })
        .whereIn('owner_id', ownerIds);
      return new Map(rows.map((row) => [row.owner_id, row.token]));
    },

    async deleteFor(ownerType: TokenOwnerType, ownerIds: number[]): Promise<void> {
      if (ownerIds.length === 0) return;
      await db('access_tokens').where({ owner_type: ownerType }).whereIn('owner_id', ownerIds).delete();
    },
  };
}

export type AccessTokenRepository = ReturnType<typeof accessTokenRepository>;
