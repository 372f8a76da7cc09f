import type { Database } from '../../db/connection';
import { type AgentRecord, listAgents } from '../agents/agent-repository';

/** Which users work an inbox's conversations. */
export function inboxMemberRepository(db: Database) {
  const ofInbox = (inboxId: number) => db('inbox_members').select('user_id').where({ inbox_id: inboxId });

  return {
    async isMember(inboxId: number, userId: number): Promise<boolean> {
      return (
        (await db('inbox_members').select('id').where({ inbox_id: inboxId, user_id: userId }).first()) !== undefined
      );
    },

    async userIds(inboxId: number): Promise<number[]> {
      const rows: Array<{ user_id: number }> = await ofInbox(inboxId);
      return rows.map((row) => row.user_id);
    },

    /** The members who still belong to the account, as agents. */
    async agents(accountId: number, inboxId: number): Promise<AgentRecord[]> {
      return listAgents(db, accountId, (query) => query.whereIn('users.id', ofInbox(inboxId)));
    },

    async add(inboxId: number, userIds: number[], now: number): Promise<void> {
      if (userIds.length === 0) return;
      await db('inbox_members')
        .insert(userIds.map((userId) => ({ inbox_id: inboxId, user_id: userId, created_at: now })))
        .onConflict(['inbox_id', 'user_id'])
        .ignore();
    },

    async remove(inboxId: number, userIds: number[]): Promise<void> {
      if (userIds.length === 0) return;
      await db('inbox_members').where({ inbox_id: inboxId }).whereIn('user_id', userIds).delete();
    },
  };
}
