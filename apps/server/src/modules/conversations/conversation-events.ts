import type { Actor } from '../../auth/actor';
import { changedAttributes, changeEvent } from '../../events/change-event';
import type { ConversationFields, ConversationRecord } from './conversation-repository';
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

/** The attributes whose change `conversation_updated` announces, as the reference lists them. */
const announcedAttributes = [
  'status',
  'snoozed_until',
  'assignee_id',
  'assignee_agent_bot_id',
  'team_id',
  'waiting_since',
  'priority',
] as const satisfies ReadonlyArray<keyof ConversationFields>;

type AnnouncedState = Partial<Record<(typeof announcedAttributes)[number], unknown>>;

const announcedStateOf = (conversation: ConversationRecord): AnnouncedState =>
  Object.fromEntries(announcedAttributes.map((attribute) => [attribute, conversation[attribute]]));

/** The announced attributes that differ between two states of a conversation, as `changed_attributes` gives them. */
export const announcedChanges = (before: ConversationRecord, after: ConversationRecord) =>
  changedAttributes(announcedStateOf(before), announcedStateOf(after));
