import type { Database } from '../../db/connection';

/** The agent bot attached to each inbox: one at most. */
export function inboxAgentBotRepository(db: Database) {
  return {
    async botIdOf(inboxId: number): Promise<number | undefined> {
      const row: { agent_bot_id: number } | undefined = await db('agent_bot_inboxes')
        .select('agent_bot_id')
        .where({ inbox_id: inboxId })
        .first();
      return row?.agent_bot_id;
    },

    async attach(inbox: { id: number; account_id: number }, agentBotId: number, now: number): Promise<void> {
      await db('agent_bot_inboxes')
        .insert({ inbox_id: inbox.id, account_id: inbox.account_id, agent_bot_id: agentBotId, created_at: now })
        .onConflict('inbox_id')
        .merge(['agent_bot_id', 'created_at']);
    },

    async detach(inboxId: number): Promise<void> {
      await db('agent_bot_inboxes').where({ inbox_id: inboxId }).delete();
    },
  };
}
