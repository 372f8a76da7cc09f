import { type AccountMember, isAdministrator } from '../../auth/account-member';
import type { Clock } from '../../config/clock';
import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import type { Schemas } from '../../http/operation-types';
import { accessTokenRepository } from '../access-tokens/access-token-repository';
import type { AccessTokenService } from '../access-tokens/access-token-service';
import type { PlatformAppService } from '../platform-apps/platform-app-service';
import { type AgentBotRecord, agentBotRepository } from './agent-bot-repository';
import { deleteAgentBot } from './delete-agent-bot';

/** A bot as one member sees it: its token only when that member may see it. */
export interface AccountAgentBotView {
  bot: AgentBotRecord;
  accessToken: string | undefined;
}

const isOwnedBy = (bot: AgentBotRecord, member: AccountMember): boolean => bot.account_id === member.account.id;
const isUsableBy = (bot: AgentBotRecord, member: AccountMember): boolean =>
  bot.account_id === null || isOwnedBy(bot, member);

/** Agent bots as the members of an account use and manage them: their own, plus the system bots. */
export function accountAgentBotService(
  db: Database,
  clock: Clock,
  platformApps: PlatformAppService,
  accessTokens: AccessTokenService,
) {
  const bots = agentBotRepository(db);
  const tokens = accessTokenRepository(db);

  /** Administrators see the tokens of their account's own bots; nobody sees a system bot's. */
  const showsTokenOf = (bot: AgentBotRecord, member: AccountMember): boolean =>
    isAdministrator(member) && isOwnedBy(bot, member);

  async function view(member: AccountMember, bot: AgentBotRecord): Promise<AccountAgentBotView> {
    const accessToken = showsTokenOf(bot, member) ? await tokens.tokenOf('AgentBot', bot.id) : undefined;
    return { bot, accessToken };
  }

  async function findOwned(member: AccountMember, botId: number): Promise<AgentBotRecord> {
    const bot = await bots.findById(botId);
    if (!bot || !isOwnedBy(bot, member)) throw appError('RESOURCE_NOT_FOUND');
    return bot;
  }

  return {
    async list(member: AccountMember): Promise<AccountAgentBotView[]> {
      const found = await bots.listUsableBy(member.account.id);
      const shown = found.filter((bot) => showsTokenOf(bot, member)).map((bot) => bot.id);
      const tokenByBot = await tokens.tokensOf('AgentBot', shown);
      return found.map((bot) => ({ bot, accessToken: tokenByBot.get(bot.id) }));
    },

    async get(member: AccountMember, botId: number): Promise<AccountAgentBotView> {
      const bot = await bots.findById(botId);
      if (!bot || !isUsableBy(bot, member)) throw appError('RESOURCE_NOT_FOUND');
      return view(member, bot);
    },

    async create(member: AccountMember, input: Schemas['AccountAgentBotCreate']): Promise<AccountAgentBotView> {
      return db.transaction(async (trx) => {
        const bot = await agentBotRepository(trx).insert(
          {
            name: input.name,
            description: input.description ?? null,
            outgoing_url: input.outgoing_url ?? null,
            account_id: member.account.id,
            bot_config: input.bot_config ?? {},
          },
          clock.nowSeconds(),
        );
        return { bot, accessToken: await accessTokens.issue('AgentBot', bot.id, trx) };
      });
    },

    async update(
      member: AccountMember,
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
      await bots.update(bot.id, changes, now);
      return view(member, { ...bot, ...changes, updated_at: now });
    },

    async delete(member: AccountMember, botId: number): Promise<void> {
      const bot = await findOwned(member, botId);
      await deleteAgentBot(db, platformApps, bot.id);
    },
  };
}

export type AccountAgentBotService = ReturnType<typeof accountAgentBotService>;
