import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';
import { toAgent } from '../../../modules/agents/agent-mapper';

/** POST /api/v1/accounts/{account_id}/agents */
export const createAgent: Handler<'createAgent'> = async ({ body, member, services }) => {
  const agent = await services.agents.create(memberOf(member), body);
  return { status: 200, body: toAgent(agent) };
};
