import type { Schemas } from '../../http/operation-types';
import type { AgentBotRecord } from './agent-bot-repository';

/** An agent bot as the platform API shows it, with its token. */
export function toPlatformAgentBot(bot: AgentBotRecord, accessToken: string): Schemas['PlatformAgentBot'] {
  return {
    id: bot.id,
    name: bot.name,
    description: bot.description,
    outgoing_url: bot.outgoing_url,
    account_id: bot.account_id,
    bot_type: bot.bot_type,
    access_token: accessToken,
  };
}
