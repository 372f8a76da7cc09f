import type { Actor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import type { EventRecorder } from '../../events/domain-event';
import { accessTokenRepository } from '../access-tokens/access-token-repository';
import type { PlatformAppService } from '../platform-apps/platform-app-service';
import { agentBotEvent } from './agent-bot-events';
import { type AgentBotRecord, agentBotRepository } from './agent-bot-repository';

/**
 * Deletes a bot with its token and every platform app's claim on it, and records the deletion, in one transaction;
 * its inbox connections go with it through their foreign key.
 */
export async function deleteAgentBot(
  { db, events }: { db: Database; events: EventRecorder },
  platformApps: PlatformAppService,
  actor: Actor,
  bot: AgentBotRecord,
): Promise<void> {
  await db.transaction(async (trx) => {
    await accessTokenRepository(trx).deleteFor('AgentBot', [bot.id]);
    await platformApps.revokeAll('AgentBot', [bot.id], trx);
    await agentBotRepository(trx).delete(bot.id);
    await events.record(trx, agentBotEvent('agent_bot_deleted', actor, bot));
  });
}
