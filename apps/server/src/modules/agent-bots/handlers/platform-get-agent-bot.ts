import type { Handler } from '../../../http/operation-types';
import { toPlatformAgentBot } from '../agent-bot-mapper';

export const platformGetAgentBot: Handler<'platformGetAgentBot'> = async ({ path, actor, services }) => {
  const { bot, accessToken } = await services.agentBots.get(actor, path.id);
  return { status: 200, body: toPlatformAgentBot(bot, accessToken) };
};
