import type { AccountMember } from '../../auth/account-member';
import type { Clock } from '../../config/clock';
import type { Database } from '../../db/connection';
import type { AccountAgentBotService, AccountAgentBotView } from '../agent-bots/account-agent-bot-service';
import { findAccountInbox, findVisibleInbox } from './inbox-access';
import { inboxAgentBotRepository } from './inbox-agent-bot-repository';

/** Which agent bot handles an inbox's conversations. */
export function inboxAgentBotService(db: Database, clock: Clock, accountAgentBots: AccountAgentBotService) {
  const attachments = inboxAgentBotRepository(db);

  return {
    /** The inbox's bot as the member sees the account's bots, or undefined when the inbox has none. */
    async get(member: AccountMember, inboxId: number): Promise<AccountAgentBotView | undefined> {
      const inbox = await findVisibleInbox(db, member, inboxId);
      const botId = await attachments.botIdOf(inbox.id);
      return botId === undefined ? undefined : accountAgentBots.get(member, botId);
    },

    /**
     * Attaches the bot in place of any other, or detaches the inbox's bot when `botId` is null. Only a bot the account
     * may use (its own or a system bot) can be attached; any other is not found.
     */
    async set(member: AccountMember, inboxId: number, botId: number | null): Promise<void> {
      const inbox = await findAccountInbox(db, member, inboxId);
      if (botId === null) {
        await attachments.detach(inbox.id);
        return;
      }
      const { bot } = await accountAgentBots.get(member, botId);
      await attachments.attach(inbox, bot.id, clock.nowSeconds());
    },
  };
}

export type InboxAgentBotService = ReturnType<typeof inboxAgentBotService>;
