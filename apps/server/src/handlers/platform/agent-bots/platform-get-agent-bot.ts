import { platformAppOf } from '../../../auth/caller';
import type { Handler } from '../../../http/operation-types';
import { toPlatformAgentBot } from '../../../modules/agent-bots/agent-bot-mapper';

export const platformGetAgentBot: Handler<'platformGetAgentBot'> = async ({ path, caller, services }) => {
  const { bot, accessToken } = await services.agentBots.get(platformAppOf(caller), path.id);
  return { status: 200, body: toPlatformAgentBot(bot, accessToken) };
};
