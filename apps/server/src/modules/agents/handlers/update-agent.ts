import type { Handler } from '../../../http/operation-types';
import { toAgent } from '../agent-mapper';

/** PATCH /api/v1/accounts/{account_id}/agents/{id} */
export const updateAgent: Handler<'updateAgent'> = async ({ path, body, actor, services }) => {
  const agent = await services.agents.update(actor, path.id, body);
  return { status: 200, body: toAgent(agent) };
};
