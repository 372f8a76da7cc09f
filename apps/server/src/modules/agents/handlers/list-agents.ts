import type { Handler } from '../../../http/operation-types';
import { toAgent } from '../agent-mapper';

/** GET /api/v1/accounts/{account_id}/agents */
export const listAgents: Handler<'listAgents'> = async ({ actor, services }) => {
  const agents = await services.agents.list(actor);
  return { status: 200, body: agents.map(toAgent) };
};
