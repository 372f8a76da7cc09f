import type { Database } from '../../db/connection';

/** The labels of conversations, lower-cased, one row per conversation and label. */
export function conversationLabelRepository(db: Database) {
  return {
    /** The conversation's labels in the order they were first given. */
    async list(conversationId: number): Promise<string[]> {
      const rows = await db('conversation_labels')
        .select('label')
        .where({ conversation_id: conversationId })
        .orderBy('id');
      return rows.map((row) => row.label);
    },

    /** The labels of each of these conversations, in the order they were first given. */
    async listOfMany(conversationIds: number[]): Promise<Map<number, string[]>> {
      const labels = new Map<number, string[]>(conversationIds.map((id) => [id, []]));
      if (conversationIds.length === 0) return labels;
      const rows = await db('conversation_labels')
        .select('conversation_id', 'label')
        .whereIn('conversation_id', conversationIds)
        .orderBy('id');
      for (const row of rows) labels.get(row.conversation_id)?.push(row.label);
      return labels;
    },

    /** Makes `labels` the conversation's whole set, keeping the labels it already had in their place. */
    async replace(accountId: number, conversationId: number, labels: string[], now: number): Promise<void> {
      await db.transaction(async (trx) => {
        await trx('conversation_labels')
          .where({ conversation_id: conversationId })
          .whereNotIn('label', labels)
          .delete();
        if (labels.length === 0) return;
        await trx('conversation_labels')
          .insert(
            labels.map((label) => ({ account_id: accountId, conversation_id: conversationId, label, created_at: now })),
          )
          .onConflict(['conversation_id', 'label'])
          .ignore();
      });
    },
  };
}
