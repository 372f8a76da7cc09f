import type { Handler } from '../../../http/operation-types';
import { toAccountAgentBot } from '../../agent-bots/agent-bot-mapper';

/** GET /api/v1/accounts/{account_id}/inboxes/{id}/agent_bot */
export const getInboxAgentBot: Handler<'getInboxAgentBot'> = async ({ path, actor, services }) => {
  const attached = await services.inboxAgentBots.get(actor, path.id);
  return {
    status: 200,
    body: { agent_bot: attached ? toAccountAgentBot(attached.bot, attached.accessToken) : {} },
  };
};
