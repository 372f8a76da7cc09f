import type { Handler } from '../../../http/operation-types';
import { toAccountAgentBot } from '../agent-bot-mapper';

/** PATCH /api/v1/accounts/{account_id}/agent_bots/{id} */
export const updateAccountAgentBot: Handler<'updateAccountAgentBot'> = async ({ actor, path, body, services }) => {
  const { bot, accessToken } = await services.accountAgentBots.update(actor, path.id, body);
  return { status: 200, body: toAccountAgentBot(bot, accessToken) };
};
