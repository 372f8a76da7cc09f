import type { Handler } from '../../../http/operation-types';
import { toAccountAgentBot } from '../agent-bot-mapper';

/** POST /api/v1/accounts/{account_id}/agent_bots/{id}/reset_secret */
export const resetAccountAgentBotSecret: Handler<'resetAccountAgentBotSecret'> = async ({ actor, path, services }) => {
  const { bot, accessToken } = await services.accountAgentBots.resetSecret(actor, path.id);
  return { status: 200, body: toAccountAgentBot(bot, accessToken) };
};
