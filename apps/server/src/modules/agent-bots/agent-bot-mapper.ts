import type { Schemas } from '../../http/schemas';
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

/**
 * An agent bot as an account sees it. The token, and the secret that signs what is posted to the bot, are given only
 * when the viewer may see them: administrators, for the account's own bots.
 */
export function toAccountAgentBot(bot: AgentBotRecord, accessToken?: string): Schemas['AccountAgentBot'] {
  return {
    id: bot.id,
    name: bot.name,
    description: bot.description,
    thumbnail: '',
    outgoing_url: bot.outgoing_url,
    bot_type: bot.bot_type,
    bot_config: bot.bot_config,
    account_id: bot.account_id,
    system_bot: bot.account_id === null,
    ...(accessToken !== undefined && { access_token: accessToken, secret: bot.secret ?? '' }),
  };
}

/** An agent bot holding a conversation, in the short form the reference gives it there. */
export function toConversationBotAssignee(bot: AgentBotRecord): Schemas['ConversationBotAssignee'] {
  return {
    id: bot.id,
    name: bot.name,
    description: bot.description,
    thumbnail: '',
    outgoing_url: bot.outgoing_url,
    bot_type: bot.bot_type,
  };
}
