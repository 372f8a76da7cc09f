import type { Database } from '../../db/connection';
import { accessTokenRepository } from '../access-tokens/access-token-repository';
import type { PlatformAppService } from '../platform-apps/platform-app-service';
import { agentBotRepository } from './agent-bot-repository';

/**
 * Deletes a bot with its token and every platform app's claim on it, in one transaction; its inbox connections go
 * with it through their foreign key.
 */
export async function deleteAgentBot(db: Database, platformApps: PlatformAppService, botId: number): Promise<void> {
  await db.transaction(async (trx) => {
    await accessTokenRepository(trx).deleteFor('AgentBot', [botId]);
    await platformApps.revokeAll('AgentBot', [botId], trx);
    await agentBotRepository(trx).delete(botId);
  });
}
