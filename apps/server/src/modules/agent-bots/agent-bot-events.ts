import type { Actor } from '../../auth/actor';
import { changeEvent } from '../../events/change-event';
import type { AgentBotRecord } from './agent-bot-repository';

/**
 * The event of a change to an agent bot, whether a platform app or an account administrator made it. Events, which
 * consumers pass on, never carry the bot's signing secret.
 */
export const agentBotEvent = (name: string, actor: Actor, bot: AgentBotRecord, data: Record<string, unknown> = {}) => {
  const { secret: _secret, ...shareable } = bot;
  return changeEvent(name, actor, bot.account_id, { type: 'agent_bot', id: bot.id }, { agent_bot: shareable, ...data });
};
