import type { Actor } from '../../auth/actor';
import type { PlatformAppService } from '../platform-apps/platform-app-service';
import type { ServiceDependencies } from '../service-dependencies';
import { agentBotEvent } from './agent-bot-events';
import { type AgentBotRecord, agentBotRepository } from './agent-bot-repository';

/**
 * Deletes a bot with its token and every platform app's claim on it, and records the deletion, in one transaction;
 * its inbox connections go with it through their foreign key.
 */
export async function deleteAgentBot(
  { db, events, repositories }: ServiceDependencies,
  platformApps: PlatformAppService,
  actor: Actor,
  bot: AgentBotRecord,
): Promise<void> {
  await db.transaction(async (trx) => {
    await repositories.accessTokens(trx).deleteFor('AgentBot', [bot.id]);
    await platformApps.revokeAll('AgentBot', [bot.id], trx);
    await agentBotRepository(trx).delete(bot.id);
    await events.record(trx, agentBotEvent('agent_bot_deleted', actor, bot));
  });
}
