import type { Handler } from '../../../http/operation-types';
import { toPlatformAgentBot } from '../agent-bot-mapper';

export const platformCreateAgentBot: Handler<'platformCreateAgentBot'> = async ({ body, actor, services }) => {
  const { bot, accessToken } = await services.agentBots.create(actor, body);
  return { status: 200, body: toPlatformAgentBot(bot, accessToken) };
};
