import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import { escapeLike, likeIgnoringCase } from '../../db/like-pattern';
import { lockingRowsOf } from '../../db/row-lock';

export interface CannedResponseRecord {
  id: number;
  account_id: number;
  short_code: string;
  content: string;
  created_at: number;
  updated_at: number;
}

export interface CannedResponseFields {
  short_code: string;
  content: string;
}

/** Canned responses, always within one account. */
export function cannedResponseRepository(db: Database) {
  return {
    async list(accountId: number): Promise<CannedResponseRecord[]> {
      return db('canned_responses').where({ account_id: accountId }).orderBy('id');
    },

    /**
     * Those whose short code or content contains `text`, ignoring case: short codes starting with it first, then
     * short codes containing it, then contents containing it.
     */
    async search(accountId: number, text: string): Promise<CannedResponseRecord[]> {
      const matches = (column: string) => `${column} ${likeIgnoringCase(db)} ? escape '\\'`;
      const containing = `%${escapeLike(text)}%`;
      const startingWith = `${escapeLike(text)}%`;
      return db('canned_responses')
        .where({ account_id: accountId })
        .where((query) =>
          query.whereRaw(matches('short_code'), [containing]).orWhereRaw(matches('content'), [containing]),
        )
        .orderByRaw(`case when ${matches('short_code')} then 0 when ${matches('short_code')} then 1 else 2 end`, [
          startingWith,
          containing,
        ])
        .orderBy('id');
    },

    /** With `lock`, inside a transaction, the row stays locked until it ends: see `lockingRowsOf`. */
    async findInAccount(
      accountId: number,
      id: number,
      { lock = false } = {},
    ): Promise<CannedResponseRecord | undefined> {
      const query = db('canned_responses').where({ account_id: accountId, id }).first();
      return lock ? lockingRowsOf(db, 'canned_responses', query) : query;
    },

    async insert(accountId: number, fields: CannedResponseFields, now: number): Promise<CannedResponseRecord> {
      const record = { account_id: accountId, ...fields, created_at: now, updated_at: now };
      const [row] = await db('canned_responses').insert(record).returning('id');
      return { id: idOf(row), ...record };
    },

    async update(id: number, fields: Partial<CannedResponseFields>, now: number): Promise<void> {
      await db('canned_responses')
        .where({ id })
        .update({ ...fields, updated_at: now });
    },

    async delete(id: number): Promise<void> {
      await db('canned_responses').where({ id }).delete();
    },
  };
}
