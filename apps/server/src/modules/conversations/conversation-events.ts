import type { Actor } from '../../auth/actor';
import { changeEvent } from '../../events/change-event';
import type { ConversationRecord } from './conversation-repository';
import type { MessageRecord } from './message-repository';

/** The event of a change to a conversation, carrying its state as committed. */
export const conversationEvent = (
  name: string,
  actor: Actor,
  conversation: ConversationRecord,
  data: Record<string, unknown> = {},
) =>
  changeEvent(
    name,
    actor,
    conversation.account_id,
    { type: 'conversation', id: conversation.id },
    {
      conversation,
      ...data,
    },
  );

/** The event of a new or changed message, with its conversation as it stands after it. */
export const messageEvent = (
  name: 'message_created' | 'message_updated',
  actor: Actor,
  message: MessageRecord,
  conversation: ConversationRecord,
) => changeEvent(name, actor, message.account_id, { type: 'message', id: message.id }, { message, conversation });
