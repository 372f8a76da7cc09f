import type { MemberActor } from '../../auth/actor';
import type { AccountAgentBotService, AccountAgentBotView } from '../agent-bots/account-agent-bot-service';
import type { ServiceDependencies } from '../service-dependencies';
import { findAccountInbox, findVisibleInbox } from './inbox-access';
import { inboxAgentBotRepository } from './inbox-agent-bot-repository';
import { inboxEvent } from './inbox-events';

/** Which agent bot handles an inbox's conversations. */
export function inboxAgentBotService(
  { db, clock, events }: ServiceDependencies,
  accountAgentBots: AccountAgentBotService,
) {
  const attachments = inboxAgentBotRepository(db);

  return {
    /** The inbox's bot as the member sees the account's bots, or undefined when the inbox has none. */
    async get(member: MemberActor, inboxId: number): Promise<AccountAgentBotView | undefined> {
      const inbox = await findVisibleInbox(db, member, inboxId);
      const botId = await attachments.botIdOf(inbox.id);
      return botId === undefined ? undefined : accountAgentBots.get(member, botId);
    },

    /**
     * Attaches the bot in place of any other, or detaches the inbox's bot when `botId` is null. Only a bot the account
     * may use (its own or a system bot) can be attached; any other is not found.
     */
    async set(member: MemberActor, inboxId: number, botId: number | null): Promise<void> {
      await db.transaction(async (trx) => {
        // Settings of one inbox's bot take turns on the inbox's row, so that each event's previous bot is the one the
        // setting before it left (see `lockingRowsOf`). The bot is locked too, so that one deleted meanwhile is not
        // found rather than attached.
        const current = await findAccountInbox(trx, member, inboxId, { lock: true });
        const attachedBotId = botId === null ? null : (await accountAgentBots.lockUsable(member, botId, trx)).id;
        const repository = inboxAgentBotRepository(trx);
        const previousBotId = (await repository.botIdOf(current.id)) ?? null;
        if (attachedBotId === null) await repository.detach(current.id);
        else await repository.attach(current, attachedBotId, clock.nowSeconds());
        if (previousBotId === attachedBotId) return;
        const changed = [{ agent_bot_id: { previous_value: previousBotId, current_value: attachedBotId } }];
        await events.record(
          trx,
          inboxEvent('inbox_agent_bot_changed', member, current, { changed_attributes: changed }),
        );
      });
    },
  };
}

export type InboxAgentBotService = ReturnType<typeof inboxAgentBotService>;
