import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/agent_bots/{id} */
export const deleteAccountAgentBot: Handler<'deleteAccountAgentBot'> = async ({ member, path, services }) => {
  await services.accountAgentBots.delete(memberOf(member), path.id);
  return { status: 200 };
};
