import { normalisedLabels } from '../contacts/contact-label-service';
import type { ServiceDependencies } from '../service-dependencies';
import { type DeskActor, findVisibleConversation } from './conversation-access';
import { changeConversation } from './conversation-change';
import { conversationLabelRepository } from './conversation-label-repository';

/** The labels that tag the conversations of an account: free text, not checked against any list. */
export function conversationLabelService(dependencies: ServiceDependencies) {
  const { db, clock } = dependencies;

  return {
    async list(actor: DeskActor, displayId: number): Promise<string[]> {
      const conversation = await findVisibleConversation(db, actor, displayId);
      return conversationLabelRepository(db).list(conversation.id);
    },

    /**
     * Makes `given` the conversation's whole set of labels. Concurrent replacements take turns on the conversation's
     * row, so the set left is one request's whole set and each change compares with what the one before it left.
     */
    async replace(actor: DeskActor, displayId: number, given: string[]): Promise<string[]> {
      return db.transaction(async (trx) => {
        const conversation = await findVisibleConversation(trx, actor, displayId, { lock: true });
        const labels = conversationLabelRepository(trx);
        const previous = await labels.list(conversation.id);
        await labels.replace(conversation.account_id, conversation.id, normalisedLabels(given), clock.nowSeconds());
        const current = await labels.list(conversation.id);
        await changeConversation(trx, dependencies, actor, conversation, { fields: {}, labels: { previous, current } });
        return current;
      });
    },
  };
}

export type ConversationLabelService = ReturnType<typeof conversationLabelService>;
