import type { AccountMember } from '../../auth/account-member';
import type { Clock } from '../../config/clock';
import type { Database } from '../../db/connection';
import { isUniqueViolation } from '../../db/unique-violation';
import { appError, validationError } from '../../errors/app-error';
import type { Schemas } from '../../http/operation-types';
import type { AgentRecord } from '../agents/agent-repository';
import { requireAccountMembers } from '../agents/require-account-members';
import { type TeamFields, type TeamRecord, teamRepository } from './team-repository';

const nameTaken = () => validationError([{ attribute: 'name', message: 'has already been taken' }]);

/** The teams of an account and their members. */
export function teamService(db: Database, clock: Clock) {
  const teams = teamRepository(db);

  async function find(member: AccountMember, teamId: number, database: Database = db): Promise<TeamRecord> {
    const team = await teamRepository(database).find(member.account.id, teamId, member.user.id);
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
    async list(member: AccountMember): Promise<TeamRecord[]> {
      return teams.list(member.account.id, member.user.id);
    },

    get: find,

    async create(member: AccountMember, input: Schemas['TeamCreate']): Promise<TeamRecord> {
      if (await teams.nameTaken(member.account.id, input.name)) throw nameTaken();
      const fields: TeamFields = {
        name: input.name,
        description: input.description ?? null,
        allow_auto_assign: input.allow_auto_assign ?? true,
      };
      const teamId = await guardingName(() => teams.insert(member.account.id, fields, clock.nowSeconds()));
      return find(member, teamId);
    },

    async update(member: AccountMember, teamId: number, input: Schemas['TeamUpdate']): Promise<TeamRecord> {
      const team = await find(member, teamId);
      if (input.name !== undefined && (await teams.nameTaken(member.account.id, input.name, team.id))) {
        throw nameTaken();
      }
      const changes: Partial<TeamFields> = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.allow_auto_assign !== undefined && { allow_auto_assign: input.allow_auto_assign }),
      };
      await guardingName(() => teams.update(team.id, changes, clock.nowSeconds()));
      return find(member, team.id);
    },

    async delete(member: AccountMember, teamId: number): Promise<void> {
      const team = await find(member, teamId);
      await teams.delete(team.id);
    },

    async listMembers(member: AccountMember, teamId: number): Promise<AgentRecord[]> {
      const team = await find(member, teamId);
      return teams.members(member.account.id, team.id);
    },

    /** Adds the users to the team and answers those who were not in it yet. */
    async addMembers(member: AccountMember, teamId: number, userIds: number[]): Promise<AgentRecord[]> {
      return db.transaction(async (trx) => {
        const trxTeams = teamRepository(trx);
        const team = await find(member, teamId, trx);
        const wanted = await requireAccountMembers(trx, member.account.id, userIds);
        const current = await trxTeams.memberIds(team.id);
        const added = wanted.filter((userId) => !current.has(userId));
        await trxTeams.addMembers(team.id, added, clock.nowSeconds());
        return trxTeams.members(member.account.id, team.id, added);
      });
    },

    /** Makes the team's members exactly these users and answers all of them. */
    async replaceMembers(member: AccountMember, teamId: number, userIds: number[]): Promise<AgentRecord[]> {
      return db.transaction(async (trx) => {
        const trxTeams = teamRepository(trx);
        const team = await find(member, teamId, trx);
        const wanted = await requireAccountMembers(trx, member.account.id, userIds);
        const current = await trxTeams.memberIds(team.id);
        await trxTeams.removeMembers(
          team.id,
          [...current].filter((userId) => !wanted.includes(userId)),
        );
        await trxTeams.addMembers(
          team.id,
          wanted.filter((userId) => !current.has(userId)),
          clock.nowSeconds(),
        );
        return trxTeams.members(member.account.id, team.id);
      });
    },

    async removeMembers(member: AccountMember, teamId: number, userIds: number[]): Promise<void> {
      await db.transaction(async (trx) => {
        const team = await find(member, teamId, trx);
        const leaving = await requireAccountMembers(trx, member.account.id, userIds);
        await teamRepository(trx).removeMembers(team.id, leaving);
      });
    },
  };
}

export type TeamService = ReturnType<typeof teamService>;
