import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';
import { toAgent } from '../../../modules/agents/agent-mapper';

/** PATCH /api/v1/accounts/{account_id}/inbox_members */
export const updateInboxMembers: Handler<'updateInboxMembers'> = async ({ body, member, services }) => {
  const agents = await services.inboxMembers.replace(memberOf(member), body);
  return { status: 200, body: { payload: agents.map(toAgent) } };
};
