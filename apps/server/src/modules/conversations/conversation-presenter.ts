import type { Database } from '../../db/connection';
import { inOneRound } from '../../db/read-rounds';
import { isoTime } from '../../http/iso-time';
import type { Schemas } from '../../http/schemas';
import { toConversationBotAssignee } from '../agent-bots/agent-bot-mapper';
import { agentBotRepository } from '../agent-bots/agent-bot-repository';
import { toAgent } from '../agents/agent-mapper';
import { attachmentRepository } from '../attachments/attachment-repository';
import { contactInboxRepository } from '../contacts/contact-inbox-repository';
import { toContact } from '../contacts/contact-mapper';
import { contactRepository } from '../contacts/contact-repository';
import type { AccountDirectory } from '../directory/account-directory';
import type { InboxRecord } from '../inboxes/inbox-repository';
import { toTeam } from '../teams/team-mapper';
import type { DeskActor } from './conversation-access';
import { conversationLabelRepository } from './conversation-label-repository';
import type { ConversationRecord } from './conversation-repository';
import { toMessagePush } from './message-mapper';
import { messageRepository } from './message-repository';
import { type AttachmentPresenter, messageSurroundings } from './message-surroundings';

/** How many unread messages a conversation counts at most. */
export const unreadCountCap = 10;

/** What presenting conversations needs beyond the rows: who looks, the time, and how attachments are linked. */
export interface ConversationViewing {
  viewer: DeskActor;
  accountId: number;
  /** The account's directory, which names the conversations' inboxes, assignees, teams and agent senders. */
  directory: AccountDirectory;
  nowSeconds: number;
  presentAttachment: AttachmentPresenter;
}

/** The hours an API inbox gives agents to reply after the contact's last message, if it limits them. */
export function replyWindowHours(inbox: InboxRecord): number | undefined {
  if (inbox.channel_type !== 'Channel::Api') return undefined;
  const attributes = inbox.channel_settings.additional_attributes;
  if (typeof attributes !== 'object' || attributes === null) return undefined;
  const hours = Number((attributes as Record<string, unknown>).agent_reply_time_window);
  return Number.isFinite(hours) && hours > 0 ? hours : undefined;
}

const secondsOrZero = (value: number | null) => value ?? 0;

/** Conversations as the application API shows them, each with what its JSON names, read in a few batched queries. */
export async function presentConversations(
  db: Database,
  records: ConversationRecord[],
  { viewer, accountId, directory, nowSeconds, presentAttachment }: ConversationViewing,
): Promise<Schemas['Conversation'][]> {
  if (records.length === 0) return [];
  const unique = <T>(values: Array<T | null>) => [...new Set(values.filter((value): value is T => value !== null))];
  const botIds = unique(records.map((record) => record.assignee_agent_bot_id));
  const messageIds = unique(records.flatMap((record) => [record.last_message_id, record.last_non_activity_message_id]));
  const viewerUserId = viewer.kind === 'member' ? viewer.user.id : null;

  // Everything is read at once from what the rows name; only senders of the last messages that none of this names
  // (rare: a contact other than the conversation's, a bot other than its assignee) take a second round.
  const [contacts, sessions, bots, labels, lastMessages, attachments, unread, lastIncoming] = await inOneRound(
    db,
    (round) =>
      Promise.all([
        contactRepository(round).findManyInAccount(accountId, unique(records.map((record) => record.contact_id))),
        contactInboxRepository(round).findMany(unique(records.map((record) => record.contact_inbox_id))),
        agentBotRepository(round).listByIds(botIds),
        conversationLabelRepository(round).listOfMany(records.map((record) => record.id)),
        messageRepository(round).findMany(messageIds),
        attachmentRepository(round).ofMessages(messageIds),
        messageRepository(round).unreadCounts(records, unreadCountCap),
        lastIncomingTimes(round, records, directory),
      ]),
  );

  const contactById = new Map(contacts.map((contact) => [contact.id, contact]));
  const sessionById = new Map(sessions.map((session) => [session.id, session]));
  const botById = new Map(bots.map((bot) => [bot.id, bot]));
  const messageById = new Map(lastMessages.map((message) => [message.id, message]));
  const around = await messageSurroundings(db, accountId, lastMessages, presentAttachment, {
    contacts,
    bots,
    directory,
    attachments,
  });

  return records.flatMap((record) => {
    const contact = contactById.get(record.contact_id);
    const inbox = directory.inbox(record.inbox_id);
    if (!contact || !inbox) return [];
    const session = record.contact_inbox_id === null ? undefined : sessionById.get(record.contact_inbox_id);
    const unreadCount = unread.get(record.id) ?? 0;
    const summary = {
      displayId: record.display_id,
      assigneeId: record.assignee_id,
      unreadCount,
      lastActivityAt: record.last_activity_at,
      sourceId: session?.source_id ?? null,
    };
    const pushed = (id: number | null) => {
      const message = id === null ? undefined : messageById.get(id);
      return message && toMessagePush(message, summary, around);
    };
    const lastMessage = pushed(record.last_message_id);
    const assignee = record.assignee_id === null ? undefined : directory.agent(record.assignee_id);
    const bot = record.assignee_agent_bot_id === null ? undefined : botById.get(record.assignee_agent_bot_id);
    const team = record.team_id === null ? undefined : directory.team(record.team_id, viewerUserId);
    const window = replyWindowHours(inbox);
    const contactLast = lastIncoming.get(record.id);
    const meta: Schemas['ConversationMeta'] = {
      sender: toContact({ contact }, { administrator: false, origin: '' }),
      channel: inbox.channel_type,
      ...(assignee
        ? { assignee: toAgent(assignee), assignee_type: 'User' as const }
        : bot
          ? { assignee: toConversationBotAssignee(bot), assignee_type: 'AgentBot' as const }
          : {}),
      ...(team && { team: toTeam(team) }),
      hmac_verified: Boolean(session?.hmac_verified),
    };
    return [
      {
        meta,
        id: record.display_id,
        account_id: record.account_id,
        uuid: record.uuid,
        inbox_id: record.inbox_id,
        messages: lastMessage ? [lastMessage] : [],
        additional_attributes: record.additional_attributes,
        custom_attributes: record.custom_attributes,
        agent_last_seen_at: secondsOrZero(record.agent_last_seen_at),
        assignee_last_seen_at: secondsOrZero(record.assignee_last_seen_at),
        contact_last_seen_at: secondsOrZero(record.contact_last_seen_at),
        can_reply: window === undefined || (contactLast !== undefined && contactLast + window * 3600 > nowSeconds),
        labels: labels.get(record.id) ?? [],
        muted: contact.blocked,
        snoozed_until: record.snoozed_until === null ? null : isoTime(record.snoozed_until),
        status: record.status,
        priority: record.priority,
        created_at: record.created_at,
        updated_at: record.updated_at / 1000,
        timestamp: record.last_activity_at,
        last_activity_at: record.last_activity_at,
        first_reply_created_at: secondsOrZero(record.first_reply_created_at),
        waiting_since: secondsOrZero(record.waiting_since),
        unread_count: unreadCount,
        last_non_activity_message: pushed(record.last_non_activity_message_id) ?? null,
        sla_policy_id: null,
      },
    ];
  });
}

/** When the contact last wrote in each conversation of an inbox that limits the time to reply. */
async function lastIncomingTimes(
  db: Database,
  records: ConversationRecord[],
  directory: AccountDirectory,
): Promise<Map<number, number>> {
  const limited = records.filter((record) => {
    const inbox = directory.inbox(record.inbox_id);
    return inbox !== undefined && replyWindowHours(inbox) !== undefined;
  });
  return messageRepository(db).lastIncomingTimes(limited.map((record) => record.id));
}
