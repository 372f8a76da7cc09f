import type { Schemas } from '../http/schemas';

// The values of the enumerated columns, here rather than beside the repositories that read them, so that the table
// declarations (tables.ts) and the repositories both depend on them and not on each other.

export type TokenOwnerType = 'PlatformApp' | 'User' | 'AgentBot';
export type Role = 'agent' | 'administrator';
export type AccountStatus = 'active' | 'suspended';
export type Availability = 'online' | 'busy' | 'offline';
export type PermissibleType = 'Account' | 'User' | 'AgentBot';
export type CustomFilterType = 'conversation' | 'contact' | 'report';
export type ChannelType = Schemas['Inbox']['channel_type'];
export type SenderNameType = Schemas['Inbox']['sender_name_type'];
export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';
export type ConversationPriority = 'low' | 'medium' | 'high' | 'urgent';
export const messageTypes = ['incoming', 'outgoing', 'activity', 'template'] as const;
export type MessageType = (typeof messageTypes)[number];
export type MessageContentType =
  | 'text'
  | 'input_text'
  | 'input_textarea'
  | 'input_email'
  | 'input_select'
  | 'cards'
  | 'form'
  | 'article'
  | 'incoming_email'
  | 'input_csat'
  | 'integrations'
  | 'sticker'
  | 'voice_call';
export type MessageStatus = 'sent' | 'delivered' | 'read' | 'failed';
export type MessageSenderType = 'User' | 'Contact' | 'AgentBot';
/** What kind of file an attachment is, as clients show it: inline as a picture or a player, or as a download. */
export type AttachmentFileType = 'image' | 'audio' | 'video' | 'file';
