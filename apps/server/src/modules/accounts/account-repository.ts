import type { AccountStatus, Role } from '../../db/column-values';
import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import { readJson, writeJson } from '../../db/json-column';
import { lockingRowsOf } from '../../db/row-lock';
import type { LeftJoined, QualifiedColumn, SelectedRow } from '../../db/selected-columns';
import type { TableRow, TableUpdate } from '../../db/tables';

export type { AccountStatus };

export interface AccountRecord {
  id: number;
  name: string;
  locale: string;
  domain: string | null;
  support_email: string | null;
  status: AccountStatus;
  custom_attributes: Record<string, unknown>;
  limits: Record<string, number>;
  created_at: number;
  updated_at: number;
}

export interface AccountFields {
  name: string;
  locale: string;
  domain: string | null;
  support_email: string | null;
  status: AccountStatus;
  custom_attributes: Record<string, unknown>;
  limits: Record<string, number>;
}

function toRecord(row: TableRow<'accounts'>): AccountRecord {
  return { ...row, custom_attributes: readJson(row.custom_attributes), limits: readJson(row.limits) };
}

function toRow(fields: Partial<AccountFields>): TableUpdate<'accounts'> {
  const { custom_attributes, limits, ...plain } = fields;
  return {
    ...plain,
    ...(custom_attributes !== undefined && { custom_attributes: writeJson(custom_attributes) }),
    ...(limits !== undefined && { limits: writeJson(limits) }),
  };
}

const memberRole = ['account_users.role as member_role'] as const satisfies readonly QualifiedColumn<'account_users'>[];

export function accountRepository(db: Database) {
  return {
    async insert(fields: AccountFields, now: number): Promise<AccountRecord> {
      const [row] = await db('accounts')
        .insert({
          ...fields,
          custom_attributes: writeJson(fields.custom_attributes),
          limits: writeJson(fields.limits),
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      return { id: idOf(row), ...fields, created_at: now, updated_at: now };
    },

    /** With `lock`, inside a transaction, the row stays locked until it ends: see `lockingRowsOf`. */
    async findById(id: number, { lock = false } = {}): Promise<AccountRecord | undefined> {
      const query = db('accounts').where({ id }).first();
      const row = await (lock ? lockingRowsOf(db, 'accounts', query) : query);
      return row && toRecord(row);
    },

    /** The account with the user's role in it (null when the user is not a member), in one query. */
    async findWithRoleOf(
      id: number,
      userId: number,
    ): Promise<{ account: AccountRecord; role: Role | null } | undefined> {
      const row = await db('accounts')
        .leftJoin('account_users', (join) => {
          join.on('account_users.account_id', 'accounts.id').andOnVal('account_users.user_id', userId);
        })
        .select<Array<TableRow<'accounts'> & LeftJoined<SelectedRow<typeof memberRole>>>>('accounts.*', ...memberRole)
        .where('accounts.id', id)
        .first();
      if (!row) return undefined;
      const { member_role, ...account } = row;
      return { account: toRecord(account), role: member_role };
    },

    async update(id: number, fields: Partial<AccountFields>, now: number): Promise<void> {
      await db('accounts')
        .where({ id })
        .update({ ...toRow(fields), updated_at: now });
    },

    async delete(id: number): Promise<void> {
      await db('accounts').where({ id }).delete();
    },
  };
}
