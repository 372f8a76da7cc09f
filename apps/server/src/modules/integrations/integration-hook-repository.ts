import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import { readJson, writeJson } from '../../db/json-column';
import { lockingRowsOf } from '../../db/row-lock';
import type { DecodedRow, IntegrationHookColumns, TableRow } from '../../db/tables';

/** A hook as stored, its settings decoded. */
export type IntegrationHookRecord = DecodedRow<IntegrationHookColumns>;

export type IntegrationHookFields = Pick<
  IntegrationHookRecord,
  'app_id' | 'inbox_id' | 'hook_type' | 'enabled' | 'settings' | 'reference_id'
>;

const toRecord = (row: TableRow<'integration_hooks'>): IntegrationHookRecord => ({
  ...row,
  enabled: Boolean(row.enabled),
  settings: readJson(row.settings),
});

/** The apps accounts connect, always within one account. */
export function integrationHookRepository(db: Database) {
  return {
    async list(accountId: number): Promise<IntegrationHookRecord[]> {
      const rows = await db('integration_hooks').where({ account_id: accountId }).orderBy('id');
      return rows.map(toRecord);
    },

    async countOfApp(accountId: number, appId: string): Promise<number> {
      const row = await db('integration_hooks')
        .where({ account_id: accountId, app_id: appId })
        .count({ count: '*' })
        .first();
      return Number(row?.count ?? 0);
    },

    /** With `lock`, inside a transaction, the row stays locked until it ends: see `lockingRowsOf`. */
    async findInAccount(
      accountId: number,
      id: number,
      { lock = false } = {},
    ): Promise<IntegrationHookRecord | undefined> {
      const query = db('integration_hooks').where({ account_id: accountId, id }).first();
      const row = await (lock ? lockingRowsOf(db, 'integration_hooks', query) : query);
      return row && toRecord(row);
    },

    async insert(accountId: number, fields: IntegrationHookFields, now: number): Promise<IntegrationHookRecord> {
      const record = { account_id: accountId, ...fields, created_at: now, updated_at: now };
      const [row] = await db('integration_hooks')
        .insert({ ...record, settings: writeJson(record.settings) })
        .returning('id');
      return { id: idOf(row), ...record };
    },

    async update(id: number, changes: Partial<Pick<IntegrationHookFields, 'enabled' | 'settings'>>, now: number) {
      const { settings, ...plain } = changes;
      await db('integration_hooks')
        .where({ id })
        .update({ ...plain, ...(settings !== undefined && { settings: writeJson(settings) }), updated_at: now });
    },

    async delete(id: number): Promise<void> {
      await db('integration_hooks').where({ id }).delete();
    },
  };
}
