import type { Database } from '../../db/connection';
import { inOneRound } from '../../db/read-rounds';
import { isoTime } from '../../http/iso-time';
import { accountRepository } from '../accounts/account-repository';
import { agentBotRepository } from '../agent-bots/agent-bot-repository';
import { listAgents } from '../agents/agent-repository';
import { attachmentRepository } from '../attachments/attachment-repository';
import { contactInboxRepository } from '../contacts/contact-inbox-repository';
import { type ContactRecord, contactRepository } from '../contacts/contact-repository';
import { conversationLabelRepository } from '../conversations/conversation-label-repository';
import { replyWindowHours, unreadCountCap } from '../conversations/conversation-presenter';
import type { ConversationRecord } from '../conversations/conversation-repository';
import { toBotSender, toContactSender, toMessagePush, toUserSender } from '../conversations/message-mapper';
import { type MessageRecord, messageRepository } from '../conversations/message-repository';
import { type AttachmentPresenter, messageSurroundings } from '../conversations/message-surroundings';
import { type InboxRecord, inboxRepository } from '../inboxes/inbox-repository';
import { userRepository } from '../users/user-repository';

type Json = Record<string, unknown>;

/** What payloads are built with: the database, and how attachments are linked (on the server's public origin). */
export interface PayloadReading {
  db: Database;
  presentAttachment: AttachmentPresenter;
}

/** The account as payloads name it. */
export async function accountData(db: Database, accountId: number): Promise<{ id: number; name: string }> {
  const account = await accountRepository(db).findById(accountId);
  return { id: accountId, name: account?.name ?? '' };
}

/** A contact as webhook payloads show it: as a message's sender, as the subject of a contact event. */
export function contactData(contact: ContactRecord, account: { id: number; name: string }): Json {
  // The message sender's fields, with the account and the avatar beside them and without the sender's `type`.
  const { type: _senderType, ...sender } = toContactSender(contact);
  return { account, ...sender, avatar: contact.avatar_url ?? '' };
}

/**
 * The newest message a contact sees in a chat (neither an activity nor a private note) of the conversation as it
 * stood: among the messages up to its `last_message_id` then, so that a body built later shows no later message.
 */
async function lastChatMessage(db: Database, conversation: ConversationRecord): Promise<MessageRecord | undefined> {
  if (conversation.last_message_id === null) return undefined;
  const [newest] = await messageRepository(db).visibleToContactPage(
    conversation.id,
    1,
    conversation.last_message_id + 1,
  );
  return newest;
}

/**
 * A conversation as webhooks and bots receive it (the reference's `webhook_data`): its push form, with the raw
 * session row, the last chat message, the assignee in push form and the account. The conversation is the record the
 * event committed; what surrounds it (its contact, labels, assignee, team) is read as it stands when the body is built,
 * right after the commit.
 */
export async function conversationData(
  { db, presentAttachment }: PayloadReading,
  conversation: ConversationRecord,
  account: { id: number; name: string },
  nowSeconds: number,
): Promise<Json> {
  const [inbox, contact, session, labels, lastMessage, unread, assignee, bot, team] = await inOneRound(db, (round) =>
    Promise.all([
      inboxRepository(round).findInAccount(conversation.account_id, conversation.inbox_id),
      contactRepository(round).findInAccount(conversation.account_id, conversation.contact_id),
      conversation.contact_inbox_id === null
        ? undefined
        : contactInboxRepository(round)
            .findMany([conversation.contact_inbox_id])
            .then(([found]) => found),
      conversationLabelRepository(round).list(conversation.id),
      lastChatMessage(round, conversation),
      messageRepository(round).unreadCounts([conversation], unreadCountCap),
      conversation.assignee_id === null
        ? []
        : listAgents(round, conversation.account_id, (query) => query.where('users.id', conversation.assignee_id)),
      conversation.assignee_agent_bot_id === null
        ? undefined
        : agentBotRepository(round).findById(conversation.assignee_agent_bot_id),
      conversation.team_id === null
        ? undefined
        : round('teams').where({ id: conversation.team_id }).first('id', 'name'),
    ]),
  );
  const unreadCount = unread.get(conversation.id) ?? 0;
  const messages = lastMessage ? [lastMessage] : [];
  const around = await messageSurroundings(db, conversation.account_id, messages, presentAttachment, {
    ...(contact && { contacts: [contact] }),
  });
  const summary = {
    displayId: conversation.display_id,
    assigneeId: conversation.assignee_id,
    unreadCount,
    lastActivityAt: conversation.last_activity_at,
    sourceId: session?.source_id ?? null,
  };
  const agent = assignee[0];
  const window = inbox ? replyWindowHours(inbox) : undefined;
  const lastIncoming =
    window === undefined
      ? undefined
      : (await messageRepository(db).lastIncomingTimes([conversation.id])).get(conversation.id);
  return {
    additional_attributes: conversation.additional_attributes,
    can_reply: window === undefined || (lastIncoming !== undefined && lastIncoming + window * 3600 > nowSeconds),
    channel: inbox?.channel_type ?? null,
    contact_inbox: session
      ? {
          id: session.id,
          contact_id: session.contact_id,
          inbox_id: session.inbox_id,
          source_id: session.source_id,
          created_at: isoTime(session.created_at),
          updated_at: isoTime(session.updated_at),
          hmac_verified: session.hmac_verified,
          pubsub_token: session.pubsub_token,
        }
      : null,
    id: conversation.display_id,
    inbox_id: conversation.inbox_id,
    messages: messages.map((message) => toMessagePush(message, summary, around)),
    labels,
    meta: {
      sender: contact ? toContactSender(contact) : null,
      assignee: agent ? toUserSender(agent) : bot ? toBotSender(bot) : null,
      assignee_type: agent ? 'User' : bot ? 'AgentBot' : null,
      team: team ? { id: team.id, name: team.name } : null,
      hmac_verified: Boolean(session?.hmac_verified),
    },
    status: conversation.status,
    custom_attributes: conversation.custom_attributes,
    snoozed_until: conversation.snoozed_until === null ? null : isoTime(conversation.snoozed_until),
    unread_count: unreadCount,
    first_reply_created_at:
      conversation.first_reply_created_at === null ? null : isoTime(conversation.first_reply_created_at),
    priority: conversation.priority,
    waiting_since: conversation.waiting_since ?? 0,
    agent_last_seen_at: conversation.agent_last_seen_at ?? 0,
    contact_last_seen_at: conversation.contact_last_seen_at ?? 0,
    last_activity_at: conversation.last_activity_at,
    timestamp: conversation.last_activity_at,
    created_at: conversation.created_at,
    updated_at: conversation.updated_at / 1000,
    account,
  };
}

/** Message text as webhooks carry it: a backslash before a line break dropped, and no trailing line breaks. */
const normalizedContent = (content: string | null) =>
  content === null ? null : content.replace(/\\\r?\n/g, '\n').replace(/[\r\n]+$/, '');

const messageTypeNames = { incoming: 'incoming', outgoing: 'outgoing', activity: 'activity', template: 'template' };

/** A message as webhooks and bots receive it, with its conversation's webhook data. */
export async function messageData(
  reading: PayloadReading,
  message: MessageRecord,
  conversation: ConversationRecord,
  account: { id: number; name: string },
  inbox: InboxRecord | undefined,
  nowSeconds: number,
): Promise<Json> {
  const { db, presentAttachment } = reading;
  const [sender, attachments, conversationJson] = await Promise.all([
    senderData(db, message, account),
    attachmentRepository(db).ofMessages([message.id]),
    conversationData(reading, conversation, account, nowSeconds),
  ]);
  return {
    account,
    additional_attributes: message.additional_attributes,
    content_attributes: message.content_attributes,
    content_type: message.content_type,
    content: normalizedContent(message.content),
    conversation: conversationJson,
    created_at: isoTime(message.created_at),
    id: message.id,
    inbox: inbox ? { id: inbox.id, name: inbox.name } : null,
    message_type: messageTypeNames[message.message_type],
    private: message.private,
    sender,
    source_id: message.source_id,
    ...(attachments.length > 0 && { attachments: attachments.map(presentAttachment) }),
  };
}

/** Who sent a message, as webhooks show it: a user, a contact, a bot, or nobody. */
async function senderData(db: Database, message: MessageRecord, account: { id: number; name: string }) {
  if (message.sender_id === null) return null;
  switch (message.sender_type) {
    case 'User':
      return userData(db, message.sender_id);
    case 'Contact': {
      const contact = await contactRepository(db).findInAccount(message.account_id, message.sender_id);
      return contact ? contactData(contact, account) : null;
    }
    case 'AgentBot': {
      const bot = await agentBotRepository(db).findById(message.sender_id);
      return bot ? { id: bot.id, name: bot.name, type: 'agent_bot' } : null;
    }
    default:
      return null;
  }
}

/** A user as webhooks show them: who sent a message, who is typing. */
export async function userData(db: Database, userId: number) {
  const user = await userRepository(db).findById(userId);
  return user ? { id: user.id, name: user.name, email: user.email, type: 'user' } : null;
}

/** An inbox as its events carry it: its settings, its channel and the account, without its id or name. */
/**
 * The public identifier the reference keeps on the channel row and so sends with it: an API channel's `identifier`
 * (the inbox identifier of the client API), a web widget's `website_token`, an email channel's `email`.
 */
function channelIdentifier(inbox: Json): Json {
  if (inbox.channel_type === 'Channel::Api') return { identifier: inbox.inbox_identifier };
  if (inbox.channel_type === 'Channel::WebWidget') return { website_token: inbox.website_token };
  if (inbox.channel_type === 'Channel::Email') return { email: inbox.email_address };
  return {};
}

export function inboxData(inbox: Json, account: { id: number; name: string }): Json {
  const channelSettings = (inbox.channel_settings ?? {}) as Json;
  return {
    account,
    channel: {
      ...channelSettings,
      ...channelIdentifier(inbox),
      account_id: account.id,
      channel_type: inbox.channel_type,
    },
    enable_auto_assignment: inbox.enable_auto_assignment,
    auto_assignment_config: inbox.auto_assignment_config,
    greeting_enabled: inbox.greeting_enabled,
    greeting_message: inbox.greeting_message,
    enable_email_collect: inbox.enable_email_collect,
    csat_survey_enabled: inbox.csat_survey_enabled,
    csat_config: inbox.csat_config,
    working_hours_enabled: inbox.working_hours_enabled,
    out_of_office_message: inbox.out_of_office_message,
    working_hours: inbox.working_hours,
    timezone: inbox.timezone,
    allow_messages_after_resolved: inbox.allow_messages_after_resolved,
    lock_to_single_conversation: inbox.lock_to_single_conversation,
    sender_name_type: inbox.sender_name_type,
    business_name: inbox.business_name,
    created_at: isoTime(Number(inbox.created_at)),
    updated_at: isoTime(Number(inbox.updated_at)),
  };
}
