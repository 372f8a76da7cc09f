import type { Handler } from '../../../http/operation-types';
import { toAccountAgentBot } from '../agent-bot-mapper';

/** GET /api/v1/accounts/{account_id}/agent_bots/{id} */
export const getAccountAgentBot: Handler<'getAccountAgentBot'> = async ({ actor, path, services }) => {
  const { bot, accessToken } = await services.accountAgentBots.get(actor, path.id);
  return { status: 200, body: toAccountAgentBot(bot, accessToken) };
};
