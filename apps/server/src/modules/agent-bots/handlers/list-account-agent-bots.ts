import type { Handler } from '../../../http/operation-types';
import { toAccountAgentBot } from '../agent-bot-mapper';

/** GET /api/v1/accounts/{account_id}/agent_bots */
export const listAccountAgentBots: Handler<'listAccountAgentBots'> = async ({ actor, services }) => {
  const views = await services.accountAgentBots.list(actor);
  return { status: 200, body: views.map(({ bot, accessToken }) => toAccountAgentBot(bot, accessToken)) };
};
