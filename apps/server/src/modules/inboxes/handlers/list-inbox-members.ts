import type { Handler } from '../../../http/operation-types';
import { toAgent } from '../../agents/agent-mapper';

/** GET /api/v1/accounts/{account_id}/inbox_members/{inbox_id} */
export const listInboxMembers: Handler<'listInboxMembers'> = async ({ path, actor, services }) => {
  const agents = await services.inboxMembers.list(actor, path.inbox_id);
  return { status: 200, body: { payload: agents.map(toAgent) } };
};
