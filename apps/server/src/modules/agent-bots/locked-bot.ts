import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import { type AgentBotRecord, agentBotRepository } from './agent-bot-repository';

/**
 * The bot as stored, its row locked until the transaction ends, so that concurrent changes of one bot take turns and
 * each compares with what the one before it committed (see `lockingRowsOf`); 404 when it is gone meanwhile.
 */
export async function lockedBot(trx: Database, id: number): Promise<AgentBotRecord> {
  const bot = await agentBotRepository(trx).findById(id, { lock: true });
  if (!bot) throw appError('RESOURCE_NOT_FOUND');
  return bot;
}
