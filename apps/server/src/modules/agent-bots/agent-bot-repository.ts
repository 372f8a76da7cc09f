import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import { readJson, writeJson } from '../../db/json-column';
import { lockingRowsOf } from '../../db/row-lock';
import type { TableRow } from '../../db/tables';

export interface AgentBotRecord {
  id: number;
  name: string;
  description: string | null;
  outgoing_url: string | null;
  account_id: number | null;
  bot_type: 'webhook';
  bot_config: Record<string, unknown>;
  /** Signs what is posted to `outgoing_url`. */
  secret: string | null;
  created_at: number;
  updated_at: number;
}

export interface AgentBotFields {
  name: string;
  description: string | null;
  outgoing_url: string | null;
  account_id: number | null;
  bot_config: Record<string, unknown>;
  secret: string;
}

const toRecord = (row: TableRow<'agent_bots'>): AgentBotRecord => ({ ...row, bot_config: readJson(row.bot_config) });

export function agentBotRepository(db: Database) {
  return {
    async insert(fields: AgentBotFields, now: number): Promise<AgentBotRecord> {
      const record = { ...fields, bot_type: 'webhook' as const, created_at: now, updated_at: now };
      const [row] = await db('agent_bots')
        .insert({ ...record, bot_config: writeJson(record.bot_config) })
        .returning('id');
      return { id: idOf(row), ...record };
    },

    /** With `lock`, inside a transaction, the row stays locked until it ends: see `lockingRowsOf`. */
    async findById(id: number, { lock = false } = {}): Promise<AgentBotRecord | undefined> {
      const query = db('agent_bots').where({ id }).first();
      const row = await (lock ? lockingRowsOf(db, 'agent_bots', query) : query);
      return row && toRecord(row);
    },

    async listByIds(ids: number[]): Promise<AgentBotRecord[]> {
      if (ids.length === 0) return [];
      const rows = await db('agent_bots').whereIn('id', ids).orderBy('id');
      return rows.map(toRecord);
    },

    /** The account's own bots and the system bots, which belong to no account. */
    async listUsableBy(accountId: number): Promise<AgentBotRecord[]> {
      const rows = await db('agent_bots').where({ account_id: accountId }).orWhereNull('account_id').orderBy('id');
      return rows.map(toRecord);
    },

    async idsOfAccount(accountId: number): Promise<number[]> {
      const rows = await db('agent_bots').select('id').where({ account_id: accountId });
      return rows.map((row) => row.id);
    },

    async update(id: number, fields: Partial<AgentBotFields>, now: number): Promise<void> {
      const { bot_config, ...columns } = fields;
      await db('agent_bots')
        .where({ id })
        .update({
          ...columns,
          ...(bot_config !== undefined && { bot_config: writeJson(bot_config) }),
          updated_at: now,
        });
    },

    async delete(id: number): Promise<void> {
      await db('agent_bots').where({ id }).delete();
    },
  };
}
