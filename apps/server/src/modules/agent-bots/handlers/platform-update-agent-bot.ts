import type { Handler } from '../../../http/operation-types';
import { toPlatformAgentBot } from '../agent-bot-mapper';

export const platformUpdateAgentBot: Handler<'platformUpdateAgentBot'> = async ({ path, body, actor, services }) => {
  const { bot, accessToken } = await services.agentBots.update(actor, path.id, body);
  return { status: 200, body: toPlatformAgentBot(bot, accessToken) };
};
