import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import { lockingRowsOf, type RowLock } from '../../db/row-lock';
import type { LeftJoined, QualifiedColumn, SelectedRow } from '../../db/selected-columns';
import type { TableRow, TableUpdate } from '../../db/tables';
import { type AgentRecord, listAgents } from '../agents/agent-repository';

/** A team of an account, as one user sees it. */
export interface TeamRecord {
  id: number;
  account_id: number;
  name: string;
  description: string | null;
  allow_auto_assign: boolean;
  /** Whether the user the team was read for belongs to it. */
  is_member: boolean;
}

export type TeamFields = Pick<TeamRecord, 'name' | 'description' | 'allow_auto_assign'>;

const teamColumns = [
  'teams.id',
  'teams.account_id',
  'teams.name',
  'teams.description',
  'teams.allow_auto_assign',
] as const satisfies readonly QualifiedColumn<'teams'>[];

const membershipColumns = [
  'team_members.id as membership_id',
] as const satisfies readonly QualifiedColumn<'team_members'>[];

/** A team with the membership of the user it was read for, if any. */
type TeamRow = SelectedRow<typeof teamColumns> & LeftJoined<SelectedRow<typeof membershipColumns>>;

/** Team names are unique per account whatever their case; this is the column that says so. */
const nameKeyOf = (name: string) => name.toLowerCase();

function toRow(fields: Partial<TeamFields>): TableUpdate<'teams'> {
  return { ...fields, ...(fields.name !== undefined && { name_key: nameKeyOf(fields.name) }) };
}

const toRecord = ({ membership_id, allow_auto_assign, ...team }: TeamRow): TeamRecord => ({
  ...team,
  allow_auto_assign: Boolean(allow_auto_assign),
  is_member: membership_id !== null,
});

/** The teams of accounts, and who belongs to them. */
export function teamRepository(db: Database) {
  /** The account's teams, each with whether the user belongs to it. */
  function teamsSeenBy(accountId: number, userId: number) {
    return db('teams')
      .leftJoin('team_members', (join) => {
        join.on('team_members.team_id', 'teams.id').andOnVal('team_members.user_id', userId);
      })
      .select<TeamRow[]>(...teamColumns, ...membershipColumns)
      .where('teams.account_id', accountId);
  }

  return {
    /** The account's teams as stored, whoever reads them. */
    async listInAccount(accountId: number): Promise<Array<Omit<TeamRecord, 'is_member'>>> {
      const rows = await db('teams')
        .select(...teamColumns)
        .where('account_id', accountId)
        .orderBy('id');
      return rows.map(({ allow_auto_assign, ...team }) => ({ ...team, allow_auto_assign: Boolean(allow_auto_assign) }));
    },

    /** Who belongs to which team of the account. */
    async membersInAccount(accountId: number): Promise<Array<{ team_id: number; user_id: number }>> {
      return db('team_members')
        .join('teams', 'teams.id', 'team_members.team_id')
        .where('teams.account_id', accountId)
        .select('team_members.team_id', 'team_members.user_id');
    },

    async list(accountId: number, userId: number): Promise<TeamRecord[]> {
      const rows = await teamsSeenBy(accountId, userId).orderBy('teams.id');
      return rows.map(toRecord);
    },

    /** With `lock`, inside a transaction, the team's row stays locked until it ends: see `lockingRowsOf`. */
    async find(
      accountId: number,
      teamId: number,
      userId: number,
      { lock }: { lock?: RowLock } = {},
    ): Promise<TeamRecord | undefined> {
      const query = teamsSeenBy(accountId, userId).andWhere('teams.id', teamId).first();
      const row = await (lock ? lockingRowsOf(db, 'teams', query, lock) : query);
      return row && toRecord(row);
    },

    /** The team as it is stored, read under a lock that keeps it until the transaction ends (see `lockingRowsOf`). */
    async findStoredLocked(accountId: number, teamId: number): Promise<TableRow<'teams'> | undefined> {
      return lockingRowsOf(db, 'teams', db('teams').where({ account_id: accountId, id: teamId }).first());
    },

    /** Whether another team of the account has this name, ignoring case. */
    async nameTaken(accountId: number, name: string, exceptTeamId?: number): Promise<boolean> {
      const query = db('teams')
        .select('id')
        .where({ account_id: accountId, name_key: nameKeyOf(name) });
      if (exceptTeamId !== undefined) query.whereNot('id', exceptTeamId);
      return (await query.first()) !== undefined;
    },

    async insert(accountId: number, fields: TeamFields, now: number): Promise<number> {
      const [row] = await db('teams')
        .insert({
          account_id: accountId,
          ...fields,
          name_key: nameKeyOf(fields.name),
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      return idOf(row);
    },

    async update(teamId: number, changes: Partial<TeamFields>, now: number): Promise<void> {
      await db('teams')
        .where({ id: teamId })
        .update({ ...toRow(changes), updated_at: now });
    },

    /** Deletes the team; its memberships go with it. */
    async delete(teamId: number): Promise<void> {
      await db('teams').where({ id: teamId }).delete();
    },

    /** The team's members as agents of the account, or only those among `userIds` when given. */
    async members(accountId: number, teamId: number, userIds?: number[]): Promise<AgentRecord[]> {
      return listAgents(db, accountId, (query) => {
        query.join('team_members', 'team_members.user_id', 'users.id').where('team_members.team_id', teamId);
        return userIds === undefined ? query : query.whereIn('users.id', userIds);
      });
    },

    async memberIds(teamId: number): Promise<Set<number>> {
      const rows = await db('team_members').select('user_id').where({ team_id: teamId });
      return new Set(rows.map((row) => row.user_id));
    },

    /** Adds the users to the team; a user a concurrent request has just added is skipped. */
    async addMembers(teamId: number, userIds: number[], now: number): Promise<void> {
      if (userIds.length === 0) return;
      await db('team_members')
        .insert(userIds.map((userId) => ({ team_id: teamId, user_id: userId, created_at: now })))
        .onConflict(['team_id', 'user_id'])
        .ignore();
    },

    async removeMembers(teamId: number, userIds: number[]): Promise<void> {
      if (userIds.length === 0) return;
      await db('team_members').where({ team_id: teamId }).whereIn('user_id', userIds).delete();
    },
  };
}
