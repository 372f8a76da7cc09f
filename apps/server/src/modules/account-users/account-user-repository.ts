import type { AccountStatus, Role } from '../../db/column-values';
import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import { lockingRowsOf } from '../../db/row-lock';
import type { QualifiedColumn, SelectedRow } from '../../db/selected-columns';

export type { Role };

export interface AccountUserRecord {
  id: number;
  account_id: number;
  user_id: number;
  role: Role;
  inviter_id: number | null;
  active_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A membership seen from the user's side, with the account's name and status. */
export interface MembershipRecord {
  account_id: number;
  account_name: string;
  account_status: AccountStatus;
  role: Role;
  active_at: number | null;
}

const columns = ['id', 'account_id', 'user_id', 'role', 'inviter_id', 'active_at', 'created_at', 'updated_at'] as const;

const membershipColumns = [
  'account_users.account_id',
  'accounts.name as account_name',
  'accounts.status as account_status',
  'account_users.role',
  'account_users.active_at',
] as const satisfies readonly QualifiedColumn<'account_users' | 'accounts'>[];

export function accountUserRepository(db: Database) {
  return {
    async listByAccount(accountId: number): Promise<AccountUserRecord[]> {
      return db('account_users')
        .select(...columns)
        .where({ account_id: accountId })
        .orderBy('id');
    },

    /** With `lock`, inside a transaction, the row stays locked until it ends: see `lockingRowsOf`. */
    async find(accountId: number, userId: number, { lock = false } = {}): Promise<AccountUserRecord | undefined> {
      const query = db('account_users')
        .select(...columns)
        .where({ account_id: accountId, user_id: userId })
        .first();
      return lock ? lockingRowsOf(db, 'account_users', query) : query;
    },

    async insert(accountId: number, userId: number, role: Role, now: number): Promise<AccountUserRecord> {
      const fields = { account_id: accountId, user_id: userId, role, inviter_id: null, active_at: null };
      const [row] = await db('account_users')
        .insert({ ...fields, created_at: now, updated_at: now })
        .returning('id');
      return { id: idOf(row), ...fields, created_at: now, updated_at: now };
    },

    async updateRole(id: number, role: Role, now: number): Promise<void> {
      await db('account_users').where({ id }).update({ role, updated_at: now });
    },

    async membershipsOfUser(userId: number): Promise<MembershipRecord[]> {
      return db('account_users')
        .join('accounts', 'accounts.id', 'account_users.account_id')
        .select<SelectedRow<typeof membershipColumns>[]>(membershipColumns)
        .where('account_users.user_id', userId)
        .orderBy('account_users.id');
    },
  };
}
