import type { PlatformAppActor } from '../../auth/actor';
import { appError, validationError } from '../../errors/app-error';
import { changedAttributes } from '../../events/change-event';
import type { Schemas } from '../../http/schemas';
import type { AccessTokenService } from '../access-tokens/access-token-service';
import { randomToken } from '../access-tokens/random-token';
import type { PlatformAppRecord } from '../platform-apps/platform-app-repository';
import type { PlatformAppService } from '../platform-apps/platform-app-service';
import type { ServiceDependencies } from '../service-dependencies';
import { agentBotEvent } from './agent-bot-events';
import { type AgentBotRecord, agentBotRepository } from './agent-bot-repository';
import { deleteAgentBot } from './delete-agent-bot';
import { lockedBot } from './locked-bot';

export interface AgentBotWithToken {
  bot: AgentBotRecord;
  accessToken: string;
}

/** Agent bots as platform apps provision them. */
export function agentBotService(
  dependencies: ServiceDependencies,
  platformApps: PlatformAppService,
  accessTokens: AccessTokenService,
) {
  const { db, clock, events, repositories } = dependencies;
  const bots = agentBotRepository(db);
  const tokens = repositories.accessTokens(db);

  async function withToken(bot: AgentBotRecord): Promise<AgentBotWithToken> {
    return { bot, accessToken: (await tokens.tokenOf('AgentBot', bot.id)) ?? '' };
  }

  async function findPermitted(platformApp: PlatformAppRecord, botId: number): Promise<AgentBotRecord> {
    const bot = await bots.findById(botId);
    if (!bot) throw appError('RESOURCE_NOT_FOUND');
    await platformApps.assertPermitted(platformApp, 'AgentBot', bot.id);
    return bot;
  }

  /** An `account_id` in a body must name an existing account the app created. */
  async function assertOwnAccount(platformApp: PlatformAppRecord, accountId: number | null | undefined) {
    if (accountId === null || accountId === undefined) return;
    if (!(await repositories.accounts(db).findById(accountId))) {
      throw validationError([{ attribute: 'account_id', message: 'does not name an existing account' }]);
    }
    await platformApps.assertPermitted(platformApp, 'Account', accountId);
  }

  return {
    async list({ platformApp }: PlatformAppActor): Promise<AgentBotWithToken[]> {
      const found = await bots.listByIds(await platformApps.idsPermitted(platformApp, 'AgentBot'));
      const tokenByBot = await tokens.tokensOf(
        'AgentBot',
        found.map((bot) => bot.id),
      );
      return found.map((bot) => ({ bot, accessToken: tokenByBot.get(bot.id) ?? '' }));
    },

    async get({ platformApp }: PlatformAppActor, botId: number): Promise<AgentBotWithToken> {
      return withToken(await findPermitted(platformApp, botId));
    },

    async create(actor: PlatformAppActor, input: Schemas['PlatformAgentBotCreate']): Promise<AgentBotWithToken> {
      const { platformApp } = actor;
      await assertOwnAccount(platformApp, input.account_id);
      return db.transaction(async (trx) => {
        const bot = await agentBotRepository(trx).insert(
          {
            name: input.name,
            description: input.description ?? null,
            outgoing_url: input.outgoing_url ?? null,
            account_id: input.account_id ?? null,
            bot_config: {},
            secret: randomToken(),
          },
          clock.nowSeconds(),
        );
        const accessToken = await accessTokens.issue('AgentBot', bot.id, trx);
        await platformApps.grant(platformApp, 'AgentBot', bot.id, trx);
        await events.record(trx, agentBotEvent('agent_bot_created', actor, bot));
        return { bot, accessToken };
      });
    },

    async update(
      actor: PlatformAppActor,
      botId: number,
      input: Schemas['PlatformAgentBotUpdate'],
    ): Promise<AgentBotWithToken> {
      const { platformApp } = actor;
      const bot = await findPermitted(platformApp, botId);
      await assertOwnAccount(platformApp, input.account_id);
      const changes = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.outgoing_url !== undefined && { outgoing_url: input.outgoing_url }),
        ...(input.account_id !== undefined && { account_id: input.account_id }),
      };
      const now = clock.nowSeconds();
      const updated = await db.transaction(async (trx) => {
        const current = await lockedBot(trx, bot.id);
        await agentBotRepository(trx).update(current.id, changes, now);
        const updated = { ...current, ...changes, updated_at: now };
        const changed = changedAttributes(current, changes);
        await events.record(trx, agentBotEvent('agent_bot_updated', actor, updated, { changed_attributes: changed }));
        return updated;
      });
      return withToken(updated);
    },

    async delete(actor: PlatformAppActor, botId: number): Promise<void> {
      const bot = await findPermitted(actor.platformApp, botId);
      await deleteAgentBot(dependencies, platformApps, actor, bot);
    },
  };
}

export type AgentBotService = ReturnType<typeof agentBotService>;
