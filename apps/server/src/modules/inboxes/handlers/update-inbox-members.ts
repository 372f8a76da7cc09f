import type { Handler } from '../../../http/operation-types';
import { toAgent } from '../../agents/agent-mapper';

/** PATCH /api/v1/accounts/{account_id}/inbox_members */
export const updateInboxMembers: Handler<'updateInboxMembers'> = async ({ body, actor, services }) => {
  const agents = await services.inboxMembers.replace(actor, body);
  return { status: 200, body: { payload: agents.map(toAgent) } };
};
