import { type AccountMember, isAdministrator } from '../../auth/account-member';
import type { Clock } from '../../config/clock';
import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import { accessTokenRepository } from '../access-tokens/access-token-repository';
import { type AgentBotRecord, agentBotRepository } from '../agent-bots/agent-bot-repository';
import { findAccountInbox, findVisibleInbox } from './inbox-access';
import { inboxAgentBotRepository } from './inbox-agent-bot-repository';
import { isStorableId } from './inbox-repository';

/** The bot attached to an inbox, with its token when the viewer may see it. */
export interface InboxAgentBot {
  bot: AgentBotRecord;
  accessToken?: string;
}

/** Which agent bot handles an inbox's conversations. */
export function inboxAgentBotService(db: Database, clock: Clock) {
  const attachments = inboxAgentBotRepository(db);
  const bots = agentBotRepository(db);

  /** A bot the account may use: one of its own, or a system bot. Any other is not found. */
  async function usableBot(member: AccountMember, botId: number): Promise<AgentBotRecord> {
    const bot = isStorableId(botId) ? await bots.findById(botId) : undefined;
    if (!bot || (bot.account_id !== null && bot.account_id !== member.account.id)) {
      throw appError('RESOURCE_NOT_FOUND');
    }
    return bot;
  }

  return {
    async get(member: AccountMember, inboxId: number): Promise<InboxAgentBot | undefined> {
      const inbox = await findVisibleInbox(db, member, inboxId);
      const botId = await attachments.botIdOf(inbox.id);
      const bot = botId === undefined ? undefined : await bots.findById(botId);
      if (!bot) return undefined;
      if (!isAdministrator(member) || bot.account_id !== member.account.id) return { bot };
      return { bot, accessToken: (await accessTokenRepository(db).tokenOf('AgentBot', bot.id)) ?? '' };
    },

    /** Attaches the bot in place of any other, or detaches the inbox's bot when `botId` is null. */
    async set(member: AccountMember, inboxId: number, botId: number | null): Promise<void> {
      const inbox = await findAccountInbox(db, member, inboxId);
      if (botId === null) {
        await attachments.detach(inbox.id);
        return;
      }
      const bot = await usableBot(member, botId);
      await attachments.attach(inbox, bot.id, clock.nowSeconds());
    },
  };
}

export type InboxAgentBotService = ReturnType<typeof inboxAgentBotService>;
