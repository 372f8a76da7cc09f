import type { MessageType } from '../../db/column-values';
import { isoTime } from '../../http/iso-time';
import type { Schemas } from '../../http/schemas';
import type { AgentBotRecord } from '../agent-bots/agent-bot-repository';
import type { AgentRecord } from '../agents/agent-repository';
import type { ContactRecord } from '../contacts/contact-repository';
import type { MessageRecord } from './message-repository';

const messageTypeCodes: Record<MessageType, Schemas['MessageTypeCode']> = {
  incoming: 0,
  outgoing: 1,
  activity: 2,
  template: 3,
};

export const messageTypeCode = (type: MessageType): Schemas['MessageTypeCode'] => messageTypeCodes[type];

export function toUserSender(agent: AgentRecord): Schemas['MessageSenderUser'] {
  return {
    id: agent.id,
    name: agent.name,
    available_name: agent.display_name || agent.name,
    avatar_url: '',
    type: 'user',
    availability_status: agent.availability,
    thumbnail: '',
  };
}

export function toContactSender(contact: ContactRecord): Schemas['MessageSenderContact'] {
  return {
    additional_attributes: contact.additional_attributes,
    custom_attributes: contact.custom_attributes,
    email: contact.email,
    id: contact.id,
    identifier: contact.identifier,
    name: contact.name,
    phone_number: contact.phone_number,
    thumbnail: contact.avatar_url ?? '',
    blocked: contact.blocked,
    type: 'contact',
  };
}

export function toBotSender(bot: AgentBotRecord): Schemas['MessageSenderBot'] {
  return { id: bot.id, name: bot.name, avatar_url: '', type: 'agent_bot' };
}

/** The senders and files of a set of messages, read together. */
export interface MessageSurroundings {
  senderOf(message: MessageRecord): Schemas['MessageSender'] | undefined;
  attachmentsOf(message: MessageRecord): Schemas['Attachment'][];
}

/** A message as the application API shows it; `echoId` only in the answer to the request that gave it. */
export function toMessage(
  message: MessageRecord,
  displayId: number,
  around: MessageSurroundings,
  echoId?: string,
): Schemas['Message'] {
  const sender = around.senderOf(message);
  const attachments = around.attachmentsOf(message);
  return {
    id: message.id,
    content: message.content,
    inbox_id: message.inbox_id,
    ...(echoId !== undefined && { echo_id: echoId }),
    conversation_id: displayId,
    message_type: messageTypeCode(message.message_type),
    content_type: message.content_type,
    status: message.status,
    content_attributes: message.content_attributes,
    created_at: message.created_at,
    private: message.private,
    source_id: message.source_id,
    ...(sender && { sender }),
    ...(attachments.length > 0 && { attachments }),
  };
}

/** What a message carries of its conversation in its full form. */
export interface MessageConversationSummary {
  displayId: number;
  assigneeId: number | null;
  unreadCount: number;
  lastActivityAt: number;
  sourceId: string | null;
}

/** A message with every stored field, as a conversation shows its newest. */
export function toMessagePush(
  message: MessageRecord,
  conversation: MessageConversationSummary,
  around: MessageSurroundings,
): Schemas['MessagePush'] {
  const sender = around.senderOf(message);
  const attachments = around.attachmentsOf(message);
  return {
    id: message.id,
    content: message.content,
    account_id: message.account_id,
    inbox_id: message.inbox_id,
    conversation_id: conversation.displayId,
    message_type: messageTypeCode(message.message_type),
    created_at: message.created_at,
    updated_at: isoTime(message.updated_at),
    private: message.private,
    status: message.status,
    source_id: message.source_id,
    content_type: message.content_type,
    content_attributes: message.content_attributes,
    sender_type: message.sender_type,
    sender_id: message.sender_id,
    external_source_ids: message.external_source_ids,
    additional_attributes: message.additional_attributes,
    processed_message_content: message.content,
    sentiment: {},
    conversation: {
      assignee_id: conversation.assigneeId,
      unread_count: conversation.unreadCount,
      last_activity_at: conversation.lastActivityAt,
      contact_inbox: { source_id: conversation.sourceId },
    },
    ...(sender && { sender }),
    ...(attachments.length > 0 && { attachments }),
  };
}
