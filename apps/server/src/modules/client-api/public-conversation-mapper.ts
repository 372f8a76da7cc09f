import { isoTime } from '../../http/iso-time';
import type { Schemas } from '../../http/schemas';
import type { ContactRecord } from '../contacts/contact-repository';
import type { ConversationRecord } from '../conversations/conversation-repository';
import { type MessageSurroundings, messageTypeCode } from '../conversations/message-mapper';
import type { MessageRecord } from '../conversations/message-repository';

/** A message as the contact sees it. */
export function toPublicMessage(
  message: MessageRecord,
  displayId: number,
  around: MessageSurroundings,
): Schemas['PublicMessage'] {
  const sender = around.senderOf(message);
  const attachments = around.attachmentsOf(message);
  return {
    id: message.id,
    content: message.content,
    message_type: messageTypeCode(message.message_type),
    content_type: message.content_type,
    content_attributes: message.content_attributes,
    created_at: message.created_at,
    conversation_id: displayId,
    ...(sender && { sender }),
    ...(attachments.length > 0 && { attachments }),
  };
}

/** The contact's row as the reference's client API shows it, the columns it does not keep apart empty. */
export function toPublicConversationContact(contact: ContactRecord): Schemas['PublicConversationContact'] {
  const countryCode = contact.additional_attributes.country_code;
  return {
    id: contact.id,
    name: contact.name,
    email: contact.email,
    phone_number: contact.phone_number,
    account_id: contact.account_id,
    created_at: isoTime(contact.created_at),
    updated_at: isoTime(contact.updated_at),
    additional_attributes: contact.additional_attributes,
    identifier: contact.identifier,
    custom_attributes: contact.custom_attributes,
    last_activity_at: contact.last_activity_at === null ? null : isoTime(contact.last_activity_at),
    contact_type: contact.email !== null || contact.phone_number !== null ? 'lead' : 'visitor',
    middle_name: '',
    last_name: '',
    location: '',
    country_code: typeof countryCode === 'string' ? countryCode : '',
    blocked: contact.blocked,
    company_id: null,
  };
}

/** A conversation as the contact sees it, with the messages they may see. */
export function toPublicConversation(
  conversation: ConversationRecord,
  contact: ContactRecord,
  messages: MessageRecord[],
  around: MessageSurroundings,
): Schemas['PublicConversation'] {
  return {
    id: conversation.display_id,
    uuid: conversation.uuid,
    inbox_id: conversation.inbox_id,
    contact_last_seen_at: conversation.contact_last_seen_at ?? 0,
    status: conversation.status,
    agent_last_seen_at: conversation.agent_last_seen_at ?? 0,
    messages: messages.map((message) => toPublicMessage(message, conversation.display_id, around)),
    contact: toPublicConversationContact(contact),
  };
}
