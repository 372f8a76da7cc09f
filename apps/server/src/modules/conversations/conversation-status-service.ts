import { isoTime } from '../../http/iso-time';
import type { Schemas } from '../../http/schemas';
import type { ServiceDependencies } from '../service-dependencies';
import { type DeskActor, findVisibleConversation } from './conversation-access';
import { changeConversation } from './conversation-change';
import { conversationEvent } from './conversation-events';
import type { ConversationFields, ConversationRecord } from './conversation-repository';

/** The status a toggle leads to: the one asked for, else open ↔ resolved, and pending or snoozed → open. */
const nextStatus = (conversation: ConversationRecord, asked: Schemas['ConversationStatus'] | undefined) =>
  asked ?? (conversation.status === 'open' ? 'resolved' : 'open');

/** The status of the conversations of an account, as agents and bots change it. */
export function conversationStatusService(dependencies: ServiceDependencies) {
  const { db, clock, events } = dependencies;

  return {
    /**
     * Sets or toggles the status, with what goes with it: the snooze time kept only while snoozed, the contact's wait
     * ended by resolving, a bot's handoff to the humans, and a conversation opened by a user taken from its bot and
     * given to the agent who opened it.
     */
    async toggle(
      actor: DeskActor,
      displayId: number,
      input: Schemas['ConversationStatusToggle'] = {},
    ): Promise<Schemas['ConversationStatusToggled']> {
      return db.transaction(async (trx) => {
        const conversation = await findVisibleConversation(trx, actor, displayId, { lock: true });
        const status = nextStatus(conversation, input.status);
        const handoff = actor.kind === 'agentBot' && conversation.status === 'pending' && input.status === 'open';
        // A snooze asked for without a time keeps the time of a snooze under way, as the reference does; the other
        // statuses clear it, and resolving ends the contact's wait (see changeConversation).
        const fields: Partial<ConversationFields> = {
          status,
          ...(status === 'snoozed' && { snoozed_until: input.snoozed_until ?? conversation.snoozed_until }),
        };
        if (handoff) {
          fields.waiting_since = conversation.waiting_since ?? clock.nowSeconds();
          fields.assignee_agent_bot_id = null;
        }
        if (status === 'open' && actor.kind === 'member') {
          fields.assignee_agent_bot_id = null;
          if (actor.role === 'agent') fields.assignee_id = actor.user.id;
        }
        const after = await changeConversation(trx, dependencies, actor, conversation, { fields });
        if (handoff) await events.record(trx, conversationEvent('conversation_bot_handoff', actor, after));
        return {
          meta: {},
          payload: {
            success: handoff ? null : true,
            conversation_id: after.display_id,
            current_status: after.status,
            snoozed_until: after.snoozed_until === null ? null : isoTime(after.snoozed_until),
          },
        };
      });
    },
  };
}

export type ConversationStatusService = ReturnType<typeof conversationStatusService>;
