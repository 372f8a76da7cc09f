import type { MemberActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import type { RowLock } from '../../db/row-lock';
import { isUniqueViolation } from '../../db/unique-violation';
import { appError, validationError } from '../../errors/app-error';
import { changedAttributes, changeEvent } from '../../events/change-event';
import type { Schemas } from '../../http/schemas';
import type { AgentRecord } from '../agents/agent-repository';
import { requireAccountMembers } from '../agents/require-account-members';
import type { ServiceDependencies } from '../service-dependencies';
import { type TeamFields, type TeamRecord, teamRepository } from './team-repository';

const nameTaken = () => validationError([{ attribute: 'name', message: 'has already been taken' }]);

const teamEvent = (name: string, member: MemberActor, team: TeamRecord, data: Record<string, unknown> = {}) => {
  const { is_member: _seenByActor, ...committed } = team;
  return changeEvent(name, member, team.account_id, { type: 'team', id: team.id }, { team: committed, ...data });
};

/** The event of a change to a team's members: who joined and who left. */
const membersChanged = (member: MemberActor, team: TeamRecord, added: number[], removed: number[]) =>
  teamEvent('team_members_changed', member, team, { added_user_ids: added, removed_user_ids: removed });

/** The teams of an account and their members. */
export function teamService({ db, clock, events }: ServiceDependencies) {
  const teams = teamRepository(db);

  async function find(member: MemberActor, teamId: number, database: Database = db): Promise<TeamRecord> {
    const team = await teamRepository(database).find(member.account.id, teamId, member.user.id);
    if (!team) throw appError('RESOURCE_NOT_FOUND');
    return team;
  }

  /**
   * The team, its row locked until the transaction ends: changes to one team's name or members take turns, each
   * reading what the one before it committed; `lock` says whether the team is changed or deleted (see `lockingRowsOf`).
   */
  async function lockTeam(
    member: MemberActor,
    teamId: number,
    trx: Database,
    lock: RowLock = 'change',
  ): Promise<TeamRecord> {
    const team = await teamRepository(trx).find(member.account.id, teamId, member.user.id, { lock });
    if (!team) throw appError('RESOURCE_NOT_FOUND');
    return team;
  }

  /** Runs a write that may set a name, turning a clash with another team's name into a 422. */
  async function guardingName<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      // A concurrent request took the name between the check and the write.
      if (isUniqueViolation(error)) throw nameTaken();
      throw error;
    }
  }

  return {
    async list(member: MemberActor): Promise<TeamRecord[]> {
      return teams.list(member.account.id, member.user.id);
    },

    get: find,

    async create(member: MemberActor, input: Schemas['TeamCreate']): Promise<TeamRecord> {
      if (await teams.nameTaken(member.account.id, input.name)) throw nameTaken();
      const fields: TeamFields = {
        name: input.name,
        description: input.description ?? null,
        allow_auto_assign: input.allow_auto_assign ?? true,
      };
      return guardingName(() =>
        db.transaction(async (trx) => {
          const teamId = await teamRepository(trx).insert(member.account.id, fields, clock.nowSeconds());
          const team = await find(member, teamId, trx);
          await events.record(trx, teamEvent('team_created', member, team));
          return team;
        }),
      );
    },

    async update(member: MemberActor, teamId: number, input: Schemas['TeamUpdate']): Promise<TeamRecord> {
      const team = await find(member, teamId);
      if (input.name !== undefined && (await teams.nameTaken(member.account.id, input.name, team.id))) {
        throw nameTaken();
      }
      const changes: Partial<TeamFields> = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.allow_auto_assign !== undefined && { allow_auto_assign: input.allow_auto_assign }),
      };
      return guardingName(() =>
        db.transaction(async (trx) => {
          const current = await lockTeam(member, team.id, trx);
          await teamRepository(trx).update(current.id, changes, clock.nowSeconds());
          const updated = await find(member, current.id, trx);
          const changed = changedAttributes(current, changes);
          await events.record(trx, teamEvent('team_updated', member, updated, { changed_attributes: changed }));
          return updated;
        }),
      );
    },

    async delete(member: MemberActor, teamId: number): Promise<void> {
      await db.transaction(async (trx) => {
        const team = await lockTeam(member, teamId, trx, 'delete');
        await teamRepository(trx).delete(team.id);
        await events.record(trx, teamEvent('team_deleted', member, team));
      });
    },

    async listMembers(member: MemberActor, teamId: number): Promise<AgentRecord[]> {
      const team = await find(member, teamId);
      return teams.members(member.account.id, team.id);
    },

    /** Adds the users to the team and answers those who were not in it yet. */
    async addMembers(member: MemberActor, teamId: number, userIds: number[]): Promise<AgentRecord[]> {
      return db.transaction(async (trx) => {
        const trxTeams = teamRepository(trx);
        const team = await lockTeam(member, teamId, trx);
        const wanted = await requireAccountMembers(trx, member.account.id, userIds);
        const current = await trxTeams.memberIds(team.id);
        const added = wanted.filter((userId) => !current.has(userId));
        await trxTeams.addMembers(team.id, added, clock.nowSeconds());
        if (added.length > 0) await events.record(trx, membersChanged(member, team, added, []));
        return trxTeams.members(member.account.id, team.id, added);
      });
    },

    /** Makes the team's members exactly these users and answers all of them. */
    async replaceMembers(member: MemberActor, teamId: number, userIds: number[]): Promise<AgentRecord[]> {
      return db.transaction(async (trx) => {
        const trxTeams = teamRepository(trx);
        const team = await lockTeam(member, teamId, trx);
        const wanted = await requireAccountMembers(trx, member.account.id, userIds);
        const current = await trxTeams.memberIds(team.id);
        const removed = [...current].filter((userId) => !wanted.includes(userId));
        const added = wanted.filter((userId) => !current.has(userId));
        await trxTeams.removeMembers(team.id, removed);
        await trxTeams.addMembers(team.id, added, clock.nowSeconds());
        if (added.length + removed.length > 0) await events.record(trx, membersChanged(member, team, added, removed));
        return trxTeams.members(member.account.id, team.id);
      });
    },

    async removeMembers(member: MemberActor, teamId: number, userIds: number[]): Promise<void> {
      await db.transaction(async (trx) => {
        const team = await lockTeam(member, teamId, trx);
        const leaving = await requireAccountMembers(trx, member.account.id, userIds);
        const current = await teamRepository(trx).memberIds(team.id);
        const removed = leaving.filter((userId) => current.has(userId));
        await teamRepository(trx).removeMembers(team.id, removed);
        if (removed.length > 0) await events.record(trx, membersChanged(member, team, [], removed));
      });
    },
  };
}

export type TeamService = ReturnType<typeof teamService>;
