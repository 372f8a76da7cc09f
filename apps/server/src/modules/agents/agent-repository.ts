import type { Knex } from 'knex';
import type { Availability } from '../../db/column-values';
import type { Database } from '../../db/connection';
import { readJson } from '../../db/json-column';
import { lockingRowsOf } from '../../db/row-lock';
import type { QualifiedColumn, SelectedRow } from '../../db/selected-columns';
import type { Role } from '../account-users/account-user-repository';

export type { Availability };

/** A user joined with their membership of one account. */
export interface AgentRecord {
  id: number;
  name: string;
  display_name: string | null;
  email: string;
  confirmed_at: number | null;
  custom_attributes: Record<string, unknown>;
  account_id: number;
  role: Role;
  availability: Availability;
  auto_offline: boolean;
}

const columns = [
  'users.id',
  'users.name',
  'users.display_name',
  'users.email',
  'users.confirmed_at',
  'users.custom_attributes',
  'account_users.account_id',
  'account_users.role',
  'account_users.availability',
  'account_users.auto_offline',
] as const satisfies readonly QualifiedColumn<'users' | 'account_users'>[];

const toRecord = (row: SelectedRow<typeof columns>): AgentRecord => ({
  ...row,
  custom_attributes: readJson(row.custom_attributes),
  auto_offline: Boolean(row.auto_offline),
});

/**
 * The members of an account as agents, ordered by user id. `narrow` restricts the users, for example to the members
 * of one team or inbox; it receives the query with `users` and `account_users` joined.
 */
export async function listAgents(
  db: Database,
  accountId: number,
  narrow: (query: Knex.QueryBuilder) => Knex.QueryBuilder = (query) => query,
): Promise<AgentRecord[]> {
  const query = db('account_users')
    .join('users', 'users.id', 'account_users.user_id')
    .where('account_users.account_id', accountId)
    .orderBy('users.id');
  // The columns are chosen after `narrow`, which takes and gives an untyped query, so that the rows keep their type.
  const rows = await narrow(query).select<SelectedRow<typeof columns>[]>(columns);
  return rows.map(toRecord);
}

/** Which of the given users belong to the account; the rest are not its members. */
export async function memberUserIds(db: Database, accountId: number, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db('account_users').select('user_id').where('account_id', accountId).whereIn('user_id', userIds);
  return new Set(rows.map((row) => row.user_id));
}

/** One member of the account as an agent, or undefined when the user is not a member. */
export async function findAgent(db: Database, accountId: number, userId: number): Promise<AgentRecord | undefined> {
  const [agent] = await listAgents(db, accountId, (query) => query.where('users.id', userId));
  return agent;
}

/** What a membership says about the agent in the account. */
export interface MembershipSettings {
  role: Role;
  availability: Availability;
  auto_offline: boolean;
}

/** Makes the user a member of the account. */
export async function insertMembership(
  db: Database,
  membership: MembershipSettings & { account_id: number; user_id: number; inviter_id: number | null },
  now: number,
): Promise<void> {
  await db('account_users').insert({ ...membership, created_at: now, updated_at: now });
}

/** Changes the user's membership of the account. */
export async function updateMembership(
  db: Database,
  accountId: number,
  userId: number,
  changes: Partial<MembershipSettings>,
  now: number,
): Promise<void> {
  await db('account_users')
    .where({ account_id: accountId, user_id: userId })
    .update({ ...changes, updated_at: now });
}

/**
 * How many administrators the account has. Inside a transaction it first locks the account's row, so that concurrent
 * changes of the account's roles take turns and cannot together remove every administrator.
 */
export async function countAdministrators(db: Database, accountId: number): Promise<number> {
  await lockingRowsOf(db, 'accounts', db('accounts').select('id').where({ id: accountId }).first());
  const row = await db('account_users')
    .where({ account_id: accountId, role: 'administrator' })
    .count({ count: '*' })
    .first();
  return row?.count ?? 0;
}

/**
 * Removes the user from the account with their team and inbox memberships there; those in other accounts stay.
 * Run it in a transaction. False when the user was not a member.
 */
export async function deleteMembership(db: Database, accountId: number, userId: number): Promise<boolean> {
  await db('team_members')
    .where({ user_id: userId })
    .whereIn('team_id', db('teams').select('id').where({ account_id: accountId }))
    .delete();
  await db('inbox_members')
    .where({ user_id: userId })
    .whereIn('inbox_id', db('inboxes').select('id').where({ account_id: accountId }))
    .delete();
  return (await db('account_users').where({ account_id: accountId, user_id: userId }).delete()) > 0;
}
