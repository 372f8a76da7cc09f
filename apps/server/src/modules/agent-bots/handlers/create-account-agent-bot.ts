import type { Handler } from '../../../http/operation-types';
import { toAccountAgentBot } from '../agent-bot-mapper';

/** POST /api/v1/accounts/{account_id}/agent_bots */
export const createAccountAgentBot: Handler<'createAccountAgentBot'> = async ({ actor, body, services }) => {
  const { bot, accessToken } = await services.accountAgentBots.create(actor, body);
  return { status: 200, body: toAccountAgentBot(bot, accessToken) };
};
