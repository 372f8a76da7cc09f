import type { Handler } from '../../../http/operation-types';
import { toAgent } from '../../agents/agent-mapper';

/** POST /api/v1/accounts/{account_id}/inbox_members */
export const addInboxMembers: Handler<'addInboxMembers'> = async ({ body, actor, services }) => {
  const agents = await services.inboxMembers.add(actor, body);
  return { status: 200, body: { payload: agents.map(toAgent) } };
};
