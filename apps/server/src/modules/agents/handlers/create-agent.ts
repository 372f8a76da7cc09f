import type { Handler } from '../../../http/operation-types';
import { toAgent } from '../agent-mapper';

/** POST /api/v1/accounts/{account_id}/agents */
export const createAgent: Handler<'createAgent'> = async ({ body, actor, services }) => {
  const agent = await services.agents.create(actor, body);
  return { status: 200, body: toAgent(agent) };
};
