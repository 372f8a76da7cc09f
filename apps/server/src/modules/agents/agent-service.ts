import type { MemberActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { isUniqueViolation } from '../../db/unique-violation';
import { appError, type FieldProblem, validationError } from '../../errors/app-error';
import { changedAttributes } from '../../events/change-event';
import type { Schemas } from '../../http/schemas';
import { membershipEvent } from '../account-users/membership-event';
import type { ServiceDependencies } from '../service-dependencies';
import type { UserService } from '../users/user-service';
import {
  type AgentRecord,
  type Availability,
  countAdministrators,
  deleteMembership,
  findAgent,
  insertMembership,
  listAgents,
  type MembershipSettings,
  updateMembership,
} from './agent-repository';

const alreadyMember = () => validationError([{ attribute: 'email', message: 'is already a member of this account' }]);

const lastAdministratorDemoted: FieldProblem = {
  attribute: 'role',
  message: 'cannot become agent: this is the last administrator of the account, which must keep one',
};
const lastAdministratorRemoved: FieldProblem = {
  attribute: 'id',
  message: 'is the last administrator of the account, which must keep one, and cannot be removed',
};

const availabilityOf = (choice: Schemas['AvailabilityChoice']): Availability =>
  choice === 'available' ? 'online' : choice;

/** The availability a request sets under either of its two names, which must agree when both are given. */
function chosenAvailability(input: {
  availability?: Schemas['AvailabilityChoice'];
  availability_status?: Schemas['AvailabilityChoice'];
}): Availability | undefined {
  const [first, second] = [input.availability, input.availability_status].map((choice) =>
    choice === undefined ? undefined : availabilityOf(choice),
  );
  if (first !== undefined && second !== undefined && first !== second) {
    throw validationError([{ attribute: 'availability_status', message: 'must agree with availability' }]);
  }
  return first ?? second;
}

/** The members of an account as agents: who they are, their role and their availability. */
export function agentService({ db, clock, events, repositories }: ServiceDependencies, users: UserService) {
  async function findMember(member: MemberActor, userId: number, database: Database = db): Promise<AgentRecord> {
    const agent = await findAgent(database, member.account.id, userId);
    if (!agent) throw appError('RESOURCE_NOT_FOUND');
    return agent;
  }

  /** Refuses a change that leaves the account without an administrator; call it inside the change's transaction. */
  async function keepAnAdministrator(trx: Database, agent: AgentRecord, problem: FieldProblem): Promise<void> {
    if (agent.role !== 'administrator') return;
    if ((await countAdministrators(trx, agent.account_id)) <= 1) throw validationError([problem]);
  }

  async function addToAccount(member: MemberActor, input: Schemas['AgentCreate']): Promise<AgentRecord> {
    const settings: MembershipSettings = {
      role: input.role ?? 'agent',
      availability: chosenAvailability(input) ?? 'online',
      auto_offline: input.auto_offline ?? true,
    };
    return db.transaction(async (trx) => {
      const user = await users.findOrCreateUnconfirmed(member, { name: input.name, email: input.email }, trx);
      if (await findAgent(trx, member.account.id, user.id)) throw alreadyMember();
      const membership = { account_id: member.account.id, user_id: user.id, inviter_id: member.user.id };
      await insertMembership(trx, { ...membership, ...settings }, clock.nowSeconds());
      const agent = await findMember(member, user.id, trx);
      await events.record(trx, membershipEvent('agent_added', member, { ...agent, user_id: agent.id }));
      return agent;
    });
  }

  return {
    async list(member: MemberActor): Promise<AgentRecord[]> {
      return listAgents(db, member.account.id);
    },

    /** Adds the user with this email to the account, creating them unconfirmed when no user has this email. */
    async create(member: MemberActor, input: Schemas['AgentCreate']): Promise<AgentRecord> {
      try {
        return await addToAccount(member, input);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      // A concurrent request created the same user or membership: once it is committed, this one sees it.
      try {
        return await addToAccount(member, input);
      } catch (error) {
        if (isUniqueViolation(error)) throw alreadyMember();
        throw error;
      }
    },

    /** Changes the agent's membership and name; the account keeps at least one administrator. */
    async update(member: MemberActor, userId: number, input: Schemas['AgentUpdate']): Promise<AgentRecord> {
      const changes: Partial<MembershipSettings> = {
        ...(input.role !== undefined && { role: input.role }),
        ...(input.auto_offline !== undefined && { auto_offline: input.auto_offline }),
      };
      const availability = chosenAvailability(input);
      if (availability !== undefined) changes.availability = availability;
      if (Object.keys(changes).length === 0 && input.name === undefined) {
        throw validationError([
          { attribute: 'body', message: 'must set at least one of name, role, availability, auto_offline' },
        ]);
      }
      return db.transaction(async (trx) => {
        const agent = await findMember(member, userId, trx);
        if (changes.role === 'agent') await keepAnAdministrator(trx, agent, lastAdministratorDemoted);
        const now = clock.nowSeconds();
        if (Object.keys(changes).length > 0) await updateMembership(trx, agent.account_id, agent.id, changes, now);
        if (input.name !== undefined) await repositories.users(trx).update(agent.id, { name: input.name }, now);
        const updated = await findMember(member, userId, trx);
        await events.record(
          trx,
          membershipEvent(
            'agent_updated',
            member,
            { ...updated, user_id: updated.id },
            { changed_attributes: changedAttributes(agent, updated) },
          ),
        );
        return updated;
      });
    },

    /** Removes the agent from the account with their team and inbox memberships there. */
    async delete(member: MemberActor, userId: number): Promise<void> {
      await db.transaction(async (trx) => {
        const agent = await findMember(member, userId, trx);
        await keepAnAdministrator(trx, agent, lastAdministratorRemoved);
        await deleteMembership(trx, agent.account_id, agent.id);
        await events.record(trx, membershipEvent('agent_removed', member, { ...agent, user_id: agent.id }));
      });
    },
  };
}

export type AgentService = ReturnType<typeof agentService>;
