import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';
import { toAgent } from '../../../modules/agents/agent-mapper';

/** GET /api/v1/accounts/{account_id}/inbox_members/{inbox_id} */
export const listInboxMembers: Handler<'listInboxMembers'> = async ({ path, member, services }) => {
  const agents = await services.inboxMembers.list(memberOf(member), path.inbox_id);
  return { status: 200, body: { payload: agents.map(toAgent) } };
};
