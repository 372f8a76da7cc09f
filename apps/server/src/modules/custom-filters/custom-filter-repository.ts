import type { CustomFilterType } from '../../db/column-values';
import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import { readJson, writeJson } from '../../db/json-column';
import { lockingRowsOf } from '../../db/row-lock';
import type { TableRow, TableUpdate } from '../../db/tables';

export type { CustomFilterType };

/** A filter one user saved in one account. */
export interface CustomFilterRecord {
  id: number;
  account_id: number;
  user_id: number;
  name: string;
  filter_type: CustomFilterType;
  query: Record<string, unknown>;
  created_at: number;
  updated_at: number;
}

export type CustomFilterFields = Pick<CustomFilterRecord, 'name' | 'filter_type' | 'query'>;

/** The user who owns a filter and the account it lives in. */
export interface FilterOwner {
  accountId: number;
  userId: number;
}

const toRecord = (row: TableRow<'custom_filters'>): CustomFilterRecord => ({ ...row, query: readJson(row.query) });

function toRow(fields: Partial<CustomFilterFields>): TableUpdate<'custom_filters'> {
  const { query, ...plain } = fields;
  return { ...plain, ...(query !== undefined && { query: writeJson(query) }) };
}

/** Queries on `custom_filters`, always for one user in one account. */
export function customFilterRepository(db: Database) {
  const owned = (owner: FilterOwner) =>
    db('custom_filters').where({ account_id: owner.accountId, user_id: owner.userId });

  return {
    async insert(owner: FilterOwner, fields: CustomFilterFields, now: number): Promise<CustomFilterRecord> {
      const [row] = await db('custom_filters')
        .insert({
          ...fields,
          query: writeJson(fields.query),
          account_id: owner.accountId,
          user_id: owner.userId,
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      return {
        id: idOf(row),
        account_id: owner.accountId,
        user_id: owner.userId,
        ...fields,
        created_at: now,
        updated_at: now,
      };
    },

    /** With `lock`, inside a transaction, the row stays locked until it ends: see `lockingRowsOf`. */
    async findOwned(owner: FilterOwner, id: number, { lock = false } = {}): Promise<CustomFilterRecord | undefined> {
      const query = owned(owner).andWhere({ id }).first();
      const row = await (lock ? lockingRowsOf(db, 'custom_filters', query) : query);
      return row && toRecord(row);
    },

    async listOwned(owner: FilterOwner, filterType: CustomFilterType): Promise<CustomFilterRecord[]> {
      const rows = await owned(owner).andWhere({ filter_type: filterType }).orderBy('id');
      return rows.map(toRecord);
    },

    async countOwned(owner: FilterOwner): Promise<number> {
      const [row] = await owned(owner).count({ count: '*' });
      return row?.count ?? 0;
    },

    async update(id: number, changes: Partial<CustomFilterFields>, now: number): Promise<void> {
      await db('custom_filters')
        .where({ id })
        .update({ ...toRow(changes), updated_at: now });
    },

    async delete(id: number): Promise<void> {
      await db('custom_filters').where({ id }).delete();
    },
  };
}
