import type { Actor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { changedAttributes, changeEvent } from '../../events/change-event';
import { contactRepository } from '../contacts/contact-repository';
import { inboxAgentBotRepository } from '../inboxes/inbox-agent-bot-repository';
import { inboxRepository } from '../inboxes/inbox-repository';
import type { ServiceDependencies } from '../service-dependencies';
import { announcedChanges, conversationEvent, messageEvent } from './conversation-events';
import { type ConversationFields, type ConversationRecord, conversationRepository } from './conversation-repository';
import { type MessageRecord, messageRepository, type NewMessage } from './message-repository';

/** The text of the activity written when a contact's message reopens a resolved conversation of an API inbox. */
export const reopenedByIncomingText = 'System reopened the conversation due to a new incoming message.';

/** A message to add, without what the conversation gives it. */
export type MessageDraft = Pick<NewMessage, 'message_type' | 'content' | 'sender_type' | 'sender_id'> &
  Partial<Omit<NewMessage, 'account_id' | 'inbox_id' | 'conversation_id'>>;

/** A status change, with the events it records besides `conversation_status_changed`. */
export async function recordStatusChange(
  trx: Database,
  { events }: Pick<ServiceDependencies, 'events'>,
  actor: Actor,
  before: ConversationRecord,
  after: ConversationRecord,
): Promise<void> {
  if (before.status === after.status) return;
  const changed = changedAttributes({ status: before.status }, { status: after.status });
  await events.record(
    trx,
    conversationEvent('conversation_status_changed', actor, after, { changed_attributes: changed }),
  );
  if (after.status === 'open') await events.record(trx, conversationEvent('conversation_opened', actor, after));
  if (after.status === 'resolved') await events.record(trx, conversationEvent('conversation_resolved', actor, after));
}

/**
 * What a new message changes of its conversation: its activity, the contact's wait, the first reply, the status. A
 * contact's message reopens a snoozed conversation, and a resolved one: `pending` when the inbox has an agent bot,
 * which takes it first, else `open`.
 */
function conversationChanges(
  conversation: ConversationRecord,
  message: MessageRecord,
  contact: { blocked: boolean; inboxHasBot: boolean },
): Partial<ConversationFields> {
  const changes: Partial<ConversationFields> = {
    last_activity_at: message.created_at,
    last_message_id: message.id,
  };
  if (message.message_type !== 'activity') changes.last_non_activity_message_id = message.id;
  if (message.message_type === 'incoming') {
    if (conversation.waiting_since === null) changes.waiting_since = message.created_at;
    const reopens = conversation.status === 'snoozed' || conversation.status === 'resolved';
    if (reopens && !contact.blocked) {
      changes.status = conversation.status === 'resolved' && contact.inboxHasBot ? 'pending' : 'open';
      changes.snoozed_until = null;
    }
  }
  const publicReply = message.message_type === 'outgoing' && !message.private;
  if (publicReply && message.sender_type === 'User') {
    if (conversation.first_reply_created_at === null) changes.first_reply_created_at = message.created_at;
    changes.waiting_since = null;
  }
  if (publicReply && message.sender_type === 'AgentBot') changes.waiting_since = null;
  return changes;
}

/**
 * Adds a message to a conversation, in the caller's transaction, with everything a message changes: the
 * conversation's last activity and newest messages, the contact's wait and the first reply, a conversation reopened
 * by the contact's message (with the reference's activity in API inboxes), the contact's own last activity, and the
 * events of each. Answers the message and the conversation as they now stand.
 */
export async function appendMessage(
  trx: Database,
  dependencies: Pick<ServiceDependencies, 'clock' | 'events'>,
  actor: Actor,
  conversation: ConversationRecord,
  draft: MessageDraft,
): Promise<{ message: MessageRecord; conversation: ConversationRecord }> {
  const { clock, events } = dependencies;
  const now = clock.nowSeconds();
  const message = await messageRepository(trx).insert(
    {
      content_type: 'text',
      private: false,
      status: 'sent',
      source_id: null,
      content_attributes: {},
      additional_attributes: {},
      external_source_ids: {},
      ...draft,
      account_id: conversation.account_id,
      inbox_id: conversation.inbox_id,
      conversation_id: conversation.id,
    },
    now,
  );
  const contacts = contactRepository(trx);
  const contact =
    message.message_type === 'incoming'
      ? await contacts.findInAccount(conversation.account_id, conversation.contact_id)
      : undefined;
  const inboxHasBot =
    contact !== undefined &&
    conversation.status === 'resolved' &&
    (await inboxAgentBotRepository(trx).botIdOf(conversation.inbox_id)) !== undefined;
  const changes = conversationChanges(conversation, message, { blocked: contact?.blocked ?? false, inboxHasBot });
  const nowMilliseconds = clock.nowMilliseconds();
  await conversationRepository(trx).update(conversation.id, changes, nowMilliseconds);
  const updated: ConversationRecord = { ...conversation, ...changes, updated_at: nowMilliseconds };
  await events.record(trx, messageEvent('message_created', actor, message, updated));
  await recordStatusChange(trx, dependencies, actor, conversation, updated);
  const changed = announcedChanges(conversation, updated);
  if (changed.length > 0) {
    await events.record(
      trx,
      conversationEvent('conversation_updated', actor, updated, { changed_attributes: changed }),
    );
  }

  if (contact) {
    await contacts.update(contact.id, { last_activity_at: now }, now);
    const changed = changedAttributes({ last_activity_at: contact.last_activity_at }, { last_activity_at: now });
    const refreshed = { ...contact, last_activity_at: now, updated_at: now };
    await events.record(
      trx,
      changeEvent(
        'contact_updated',
        actor,
        contact.account_id,
        { type: 'contact', id: contact.id },
        {
          contact: refreshed,
          changed_attributes: changed,
        },
      ),
    );
  }

  if (conversation.status === 'resolved' && updated.status === 'open') {
    const inbox = await inboxRepository(trx).findInAccount(conversation.account_id, conversation.inbox_id);
    if (inbox?.channel_type === 'Channel::Api') {
      const activity = await appendActivity(trx, dependencies, actor, updated, reopenedByIncomingText);
      return { message, conversation: activity.conversation };
    }
  }
  return { message, conversation: updated };
}

/** Adds an activity message, which has no sender, saying what happened to the conversation. */
export async function appendActivity(
  trx: Database,
  dependencies: Pick<ServiceDependencies, 'clock' | 'events'>,
  actor: Actor,
  conversation: ConversationRecord,
  text: string,
  contentAttributes: Record<string, unknown> = {},
): Promise<{ message: MessageRecord; conversation: ConversationRecord }> {
  return appendMessage(trx, dependencies, actor, conversation, {
    message_type: 'activity',
    content: text,
    sender_type: null,
    sender_id: null,
    content_attributes: contentAttributes,
  });
}
