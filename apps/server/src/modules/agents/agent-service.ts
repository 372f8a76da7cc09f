import type { AccountMember } from '../../auth/account-member';
import type { Database } from '../../db/connection';
import { type AgentRecord, listAgents } from './agent-repository';

/** The members of an account, as agents. */
export function agentService(db: Database) {
  return {
    async list(member: AccountMember): Promise<AgentRecord[]> {
      return listAgents(db, member.account.id);
    },
  };
}

export type AgentService = ReturnType<typeof agentService>;
