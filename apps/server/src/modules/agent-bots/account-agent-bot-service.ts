import { isAdministrator, type MemberActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import { changedAttributes } from '../../events/change-event';
import type { Schemas } from '../../http/schemas';
import type { AccessTokenService } from '../access-tokens/access-token-service';
import { randomToken } from '../access-tokens/random-token';
import type { PlatformAppService } from '../platform-apps/platform-app-service';
import type { ServiceDependencies } from '../service-dependencies';
import { agentBotEvent } from './agent-bot-events';
import { type AgentBotRecord, agentBotRepository } from './agent-bot-repository';
import { deleteAgentBot } from './delete-agent-bot';
import { lockedBot } from './locked-bot';

/** A bot as one member sees it: its token only when that member may see it. */
export interface AccountAgentBotView {
  bot: AgentBotRecord;
  accessToken: string | undefined;
}

const isOwnedBy = (bot: AgentBotRecord, member: MemberActor): boolean => bot.account_id === member.account.id;
const isUsableBy = (bot: AgentBotRecord, member: MemberActor): boolean =>
  bot.account_id === null || isOwnedBy(bot, member);

/** Agent bots as the members of an account use and manage them: their own, plus the system bots. */
export function accountAgentBotService(
  dependencies: ServiceDependencies,
  platformApps: PlatformAppService,
  accessTokens: AccessTokenService,
) {
  const { db, clock, events, repositories } = dependencies;
  const bots = agentBotRepository(db);
  const tokens = repositories.accessTokens(db);

  /** Administrators see the tokens of their account's own bots; nobody sees a system bot's. */
  const showsTokenOf = (bot: AgentBotRecord, member: MemberActor): boolean =>
    isAdministrator(member) && isOwnedBy(bot, member);

  async function view(member: MemberActor, bot: AgentBotRecord): Promise<AccountAgentBotView> {
    const accessToken = showsTokenOf(bot, member) ? await tokens.tokenOf('AgentBot', bot.id) : undefined;
    return { bot, accessToken };
  }

  async function findOwned(member: MemberActor, botId: number): Promise<AgentBotRecord> {
    const bot = await bots.findById(botId);
    if (!bot || !isOwnedBy(bot, member)) throw appError('RESOURCE_NOT_FOUND');
    return bot;
  }

  return {
    async list(member: MemberActor): Promise<AccountAgentBotView[]> {
      const found = await bots.listUsableBy(member.account.id);
      const shown = found.filter((bot) => showsTokenOf(bot, member)).map((bot) => bot.id);
      const tokenByBot = await tokens.tokensOf('AgentBot', shown);
      return found.map((bot) => ({ bot, accessToken: tokenByBot.get(bot.id) }));
    },

    async get(member: MemberActor, botId: number): Promise<AccountAgentBotView> {
      const bot = await bots.findById(botId);
      if (!bot || !isUsableBy(bot, member)) throw appError('RESOURCE_NOT_FOUND');
      return view(member, bot);
    },

    /**
     * The bot, if the account may use it, its row locked until the transaction ends: a write that refers to the bot
     * finds it still there when it writes, or answers 404 when it was deleted first (see `lockingRowsOf`).
     */
    async lockUsable(member: MemberActor, botId: number, trx: Database): Promise<AgentBotRecord> {
      const bot = await agentBotRepository(trx).findById(botId, { lock: true });
      if (!bot || !isUsableBy(bot, member)) throw appError('RESOURCE_NOT_FOUND');
      return bot;
    },

    async create(member: MemberActor, input: Schemas['AccountAgentBotCreate']): Promise<AccountAgentBotView> {
      return db.transaction(async (trx) => {
        const bot = await agentBotRepository(trx).insert(
          {
            name: input.name,
            description: input.description ?? null,
            outgoing_url: input.outgoing_url ?? null,
            account_id: member.account.id,
            bot_config: input.bot_config ?? {},
            secret: randomToken(),
          },
          clock.nowSeconds(),
        );
        const accessToken = await accessTokens.issue('AgentBot', bot.id, trx);
        await events.record(trx, agentBotEvent('agent_bot_created', member, bot));
        return { bot, accessToken };
      });
    },

    async update(
      member: MemberActor,
      botId: number,
      input: Schemas['AccountAgentBotUpdate'],
    ): Promise<AccountAgentBotView> {
      const bot = await findOwned(member, botId);
      const changes = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.outgoing_url !== undefined && { outgoing_url: input.outgoing_url }),
        ...(input.bot_config !== undefined && { bot_config: input.bot_config }),
      };
      const now = clock.nowSeconds();
      const updated = await db.transaction(async (trx) => {
        const current = await lockedBot(trx, bot.id);
        await agentBotRepository(trx).update(current.id, changes, now);
        const updated = { ...current, ...changes, updated_at: now };
        const changed = changedAttributes(current, changes);
        await events.record(trx, agentBotEvent('agent_bot_updated', member, updated, { changed_attributes: changed }));
        return updated;
      });
      return view(member, updated);
    },

    /** Gives one of the account's own bots a new signing secret. */
    async resetSecret(member: MemberActor, botId: number): Promise<AccountAgentBotView> {
      const bot = await findOwned(member, botId);
      const now = clock.nowSeconds();
      const updated = await db.transaction(async (trx) => {
        const current = await lockedBot(trx, bot.id);
        const changes = { secret: randomToken() };
        await agentBotRepository(trx).update(current.id, changes, now);
        const updated = { ...current, ...changes, updated_at: now };
        await events.record(trx, agentBotEvent('agent_bot_secret_reset', member, updated));
        return updated;
      });
      return view(member, updated);
    },

    async delete(member: MemberActor, botId: number): Promise<void> {
      const bot = await findOwned(member, botId);
      await deleteAgentBot(dependencies, platformApps, member, bot);
    },
  };
}

export type AccountAgentBotService = ReturnType<typeof accountAgentBotService>;
