import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/agent_bots/{id} */
export const deleteAccountAgentBot: Handler<'deleteAccountAgentBot'> = async ({ actor, path, services }) => {
  await services.accountAgentBots.delete(actor, path.id);
  return { status: 200 };
};
