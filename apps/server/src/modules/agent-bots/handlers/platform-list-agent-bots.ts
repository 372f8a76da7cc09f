import type { Handler } from '../../../http/operation-types';
import { toPlatformAgentBot } from '../agent-bot-mapper';

export const platformListAgentBots: Handler<'platformListAgentBots'> = async ({ actor, services }) => {
  const bots = await services.agentBots.list(actor);
  return { status: 200, body: bots.map(({ bot, accessToken }) => toPlatformAgentBot(bot, accessToken)) };
};
