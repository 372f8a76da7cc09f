import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import { readJson, writeJson } from '../../db/json-column';
import { lockingRowsOf } from '../../db/row-lock';
import type { TableRow } from '../../db/tables';
import type { WebhookEvent } from './webhook-events';

export interface WebhookRecord {
  id: number;
  account_id: number;
  inbox_id: number | null;
  name: string | null;
  url: string;
  subscriptions: WebhookEvent[];
  secret: string;
  created_at: number;
  updated_at: number;
}

export type WebhookFields = Pick<WebhookRecord, 'inbox_id' | 'name' | 'url' | 'subscriptions'>;

const toRecord = (row: TableRow<'webhooks'>): WebhookRecord => ({
  ...row,
  subscriptions: readJson(row.subscriptions),
});

const toRow = (fields: Partial<WebhookFields>) => {
  const { subscriptions, ...plain } = fields;
  return { ...plain, ...(subscriptions !== undefined && { subscriptions: writeJson(subscriptions) }) };
};

/** Account webhooks, always within one account. */
export function webhookRepository(db: Database) {
  return {
    async list(accountId: number): Promise<WebhookRecord[]> {
      const rows = await db('webhooks').where({ account_id: accountId }).orderBy('id');
      return rows.map(toRecord);
    },

    async countInAccount(accountId: number): Promise<number> {
      const row = await db('webhooks').where({ account_id: accountId }).count({ count: '*' }).first();
      return Number(row?.count ?? 0);
    },

    /** With `lock`, inside a transaction, the row stays locked until it ends: see `lockingRowsOf`. */
    async findInAccount(accountId: number, id: number, { lock = false } = {}): Promise<WebhookRecord | undefined> {
      const query = db('webhooks').where({ account_id: accountId, id }).first();
      const row = await (lock ? lockingRowsOf(db, 'webhooks', query) : query);
      return row && toRecord(row);
    },

    async insert(accountId: number, fields: WebhookFields & { secret: string }, now: number): Promise<WebhookRecord> {
      const record = { account_id: accountId, ...fields, created_at: now, updated_at: now };
      const [row] = await db('webhooks')
        .insert({ ...record, subscriptions: writeJson(record.subscriptions) })
        .returning('id');
      return { id: idOf(row), ...record };
    },

    async update(id: number, changes: Partial<WebhookFields>, now: number): Promise<void> {
      await db('webhooks')
        .where({ id })
        .update({ ...toRow(changes), updated_at: now });
    },

    async delete(id: number): Promise<void> {
      await db('webhooks').where({ id }).delete();
    },
  };
}
