import { createHash } from 'node:crypto';
import type { ConversationPriority, ConversationStatus, MessageType } from '../db/column-values';
import { writeJson } from '../db/json-column';
import type { TableInsert } from '../db/tables';
import { contactGenerator, createRandom, type Random, weightedPicker } from './contact-generator';
import {
  agentClosings,
  agentGreetings,
  agentOpenings,
  agentShortReplies,
  botReplies,
  browsers,
  conversationLabels,
  customerClosings,
  customerGreetings,
  customerShortReplies,
  devices,
  months,
  plans,
  products,
  type Topic,
  topics,
} from './conversation-population';

/** The account the conversations are generated for, as seeded through the services. */
export interface ConversationAccountShape {
  accountId: number;
  adminId: number;
  /** In the order of `inboxProfiles`, busiest first. */
  inboxes: Array<{ id: number; weight: number; memberIds: number[]; botId: number | null }>;
  teams: Array<{ id: number; name: string; memberIds: number[] }>;
  /** Every user's name, for the activity messages that name them. */
  userNames: Map<number, string>;
  bot: { id: number; name: string } | null;
}

/** The first id each table's generated rows take: the rows are written with their ids, so that rows can refer to each other. */
export interface FirstIds {
  contact: number;
  contactInbox: number;
  conversation: number;
  conversationLabel: number;
  message: number;
  attachment: number;
}

type WithId<Row> = Row & { id: number };
export type ContactRow = WithId<TableInsert<'contacts'>>;
export type ContactInboxRow = WithId<TableInsert<'contact_inboxes'>>;
export type ConversationRow = WithId<TableInsert<'conversations'>>;
export type ConversationLabelRow = WithId<TableInsert<'conversation_labels'>>;
export type MessageRow = WithId<TableInsert<'messages'>>;
export type AttachmentRow = WithId<TableInsert<'attachments'>>;

export interface GeneratedMessage {
  message: MessageRow;
  attachment: AttachmentRow | null;
}

export interface ConversationsPlan {
  contacts: ContactRow[];
  contactInboxes: ContactInboxRow[];
  conversations: ConversationRow[];
  labels: ConversationLabelRow[];
  messageCount: number;
  /** The messages in id order (the order of their times), each with its attachment if it has one. */
  messages(): Generator<GeneratedMessage>;
}

export interface ConversationsPlanOptions {
  seed: number;
  /** Unix seconds: nothing happens after it. */
  now: number;
  conversations: number;
  /** At least one per conversation. */
  messages: number;
  account: ConversationAccountShape;
  firstIds: FirstIds;
}

// What a message is in its conversation's story; its message type, sender and text follow from it.
const Kind = {
  opening: 0,
  incoming: 1,
  agentOpening: 2,
  reply: 3,
  botReply: 4,
  note: 5,
  assigned: 6,
  selfAssigned: 7,
  teamAssigned: 8,
  labelsAdded: 9,
  prioritySet: 10,
  resolved: 11,
  reopened: 12,
  snoozed: 13,
  pending: 14,
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];

const isIncoming = (kind: number) => kind === Kind.opening || kind === Kind.incoming;
const isActivity = (kind: number) => kind >= Kind.assigned;
const isHumanReply = (kind: number) => kind === Kind.reply || kind === Kind.agentOpening;

function messageTypeOf(kind: number): MessageType {
  if (isIncoming(kind)) return 'incoming';
  return isActivity(kind) ? 'activity' : 'outgoing';
}

const daySeconds = 24 * 3600;
/** Conversations go back two years, more of them recently, as the account grew. */
const historyDays = 730;
/** Relative traffic by UTC hour: quiet at night, busiest in office hours. */
const hourlyTraffic = [1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 8, 8, 7, 8, 8, 8, 7, 6, 5, 4, 3, 2, 2, 1];

/**
 * The share of each status by how long ago a conversation started: the recent ones are still being worked on, the
 * old ones are resolved but for a few that were forgotten open, left pending or snoozed.
 */
function statusPickerFor(ageSeconds: number) {
  const days = ageSeconds / daySeconds;
  if (days < 1) return pickRecentStatus;
  if (days < 7) return pickWeekStatus;
  if (days < 30) return pickMonthStatus;
  return pickOldStatus;
}
const statusPicker = (open: number, pending: number, snoozed: number) =>
  weightedPicker<ConversationStatus>([
    ['open', open],
    ['pending', pending],
    ['snoozed', snoozed],
    ['resolved', 100 - open - pending - snoozed],
  ]);
const pickRecentStatus = statusPicker(50, 12, 6);
const pickWeekStatus = statusPicker(25, 4, 8);
const pickMonthStatus = statusPicker(10, 1.5, 4);
const pickOldStatus = statusPicker(6, 1.1, 1.6);

const pickPriority = weightedPicker<ConversationPriority | null>([
  [null, 72],
  ['low', 7],
  ['medium', 10],
  ['high', 8],
  ['urgent', 3],
]);
const pickLabel = weightedPicker(conversationLabels);
const pickLabelCount = weightedPicker([
  [0, 40],
  [1, 35],
  [2, 17],
  [3, 8],
]);
const pickTopic = weightedPicker(topics.map((topic, index) => [index, topic.weight]));
const pickHour = weightedPicker(hourlyTraffic.map((weight, hour) => [hour, weight]));

/** A UUID made from a hash of `parts`: the same every seeding, and as unlikely to clash as a random one. */
function stableUuid(...parts: Array<string | number>): string {
  const hex = createHash('sha1').update(parts.join(':')).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An exponentially distributed duration with the given mean. */
const exponential = (random: Random, mean: number) => -Math.log(1 - random.next()) * mean;

function standardNormal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

/** Who handles a conversation. */
type Handling = 'human' | 'botOnly' | 'botThenHuman';

interface PlannedConversation {
  createdAt: number;
  /** Index in the order contacts first appear, before the conversations are put in time order. */
  contactKey: number;
  inboxIndex: number;
  status: ConversationStatus;
  handling: Handling;
  assigneeId: number | null;
  teamIndex: number | null;
  priority: ConversationPriority | null;
  labels: string[];
  topic: number;
  agentInitiated: boolean;
  /** Relative length; the message counts are these scaled to the total asked for. */
  weight: number;
  messageCount: number;
  /** Where its messages start in the per-message arrays. */
  firstMessage: number;
}

/**
 * Plans a conversations account: contacts and their inbox sessions, conversations spread over the account's inboxes,
 * agents and teams with realistic statuses, and exactly `messages` messages among them (about 20 each on average,
 * skewed: many short conversations, a few long ones), every denormalised column computed from the messages as the
 * server keeps it. Messages get their ids in the order of their times across the account, as they would in service.
 */
export function planConversations(options: ConversationsPlanOptions): ConversationsPlan {
  const { seed, now, account, firstIds } = options;
  const total = options.conversations;
  if (!Number.isInteger(total) || total < 1) throw new Error('conversations must be a positive integer');
  if (!Number.isInteger(options.messages) || options.messages < total) {
    throw new Error('there must be at least as many messages as conversations');
  }
  if (account.inboxes.some((inbox) => inbox.memberIds.length === 0)) throw new Error('every inbox needs a member');
  const random = createRandom(seed);

  const pickInbox = weightedPicker(account.inboxes.map((inbox, index) => [index, inbox.weight]));
  // Some agents take more conversations than others.
  const workload = new Map<number, number>();
  for (const inbox of account.inboxes) {
    for (const id of inbox.memberIds) if (!workload.has(id)) workload.set(id, 0.5 + random.next());
  }
  const pickMember = account.inboxes.map((inbox) =>
    weightedPicker(inbox.memberIds.map((id) => [id, workload.get(id)!])),
  );
  const teamsOf = new Map<number, number[]>();
  account.teams.forEach((team, teamIndex) => {
    for (const id of team.memberIds) teamsOf.set(id, [...(teamsOf.get(id) ?? []), teamIndex]);
  });

  // When each conversation starts, in time order.
  const starts: number[] = [];
  for (let index = 0; index < total; index++) {
    const ageDays = (1 - Math.sqrt(random.next())) * historyDays;
    const day = Math.floor((now - ageDays * daySeconds) / daySeconds) * daySeconds;
    starts.push(Math.min(day + pickHour(random) * 3600 + random.below(3600), now - 120));
  }
  starts.sort((a, b) => a - b);

  // Who, where, in which state, and how long, conversation by conversation.
  let contactKeys = 0;
  const lastInboxOfContact: number[] = [];
  const planned: PlannedConversation[] = starts.map((createdAt) => {
    const returning = contactKeys > 0 && random.chance(0.45);
    // A returning contact is more likely one who wrote recently.
    const contactKey = returning ? Math.floor(contactKeys * Math.sqrt(random.next())) : contactKeys++;
    const inboxIndex =
      returning && random.chance(0.75) ? lastInboxOfContact[contactKey]! : (pickInbox(random) as number);
    lastInboxOfContact[contactKey] = inboxIndex;
    const inbox = account.inboxes[inboxIndex]!;
    const status = statusPickerFor(now - createdAt)(random);

    let handling: Handling = 'human';
    if (inbox.botId !== null) {
      if (status === 'pending') handling = random.chance(0.9) ? 'botOnly' : 'botThenHuman';
      else if (status === 'resolved') handling = random.chance(0.35) ? 'botOnly' : 'botThenHuman';
      else handling = 'botThenHuman';
    }
    const assignedShare = { open: 0.78, resolved: 0.94, snoozed: 0.95, pending: 1 }[status];
    const assigneeId =
      handling !== 'botOnly' && random.chance(assignedShare) ? (pickMember[inboxIndex]!(random) as number) : null;
    let teamIndex: number | null = null;
    if (handling !== 'botOnly') {
      const teams = assigneeId === null ? undefined : teamsOf.get(assigneeId);
      if (teams && random.chance(0.55)) teamIndex = random.pick(teams);
      else if (!teams && account.teams.length > 0 && random.chance(0.3)) teamIndex = random.below(account.teams.length);
    }
    const labels = new Set<string>();
    const labelCount = pickLabelCount(random) as number;
    for (let i = 0; i < labelCount; i++) labels.add(pickLabel(random));
    const waitingForAnyone = status === 'open' && assigneeId === null;
    return {
      createdAt,
      contactKey,
      inboxIndex,
      status,
      handling,
      assigneeId,
      teamIndex,
      priority: pickPriority(random),
      labels: [...labels],
      topic: pickTopic(random) as number,
      agentInitiated: handling === 'human' && assigneeId !== null && random.chance(0.04),
      // Median about 12 messages before scaling; nobody has answered the unassigned open ones, bots keep it short.
      weight: Math.exp(0.9 * standardNormal(random)) * (waitingForAnyone ? 0.15 : handling === 'botOnly' ? 0.35 : 1),
      messageCount: 1,
      firstMessage: 0,
    };
  });

  assignMessageCounts(planned, options.messages);
  // A conversation needs room for its messages before now, seconds apart: a recent long one started earlier.
  for (const conversation of planned) {
    const needed = 5 * conversation.messageCount + 120;
    if (now - conversation.createdAt < needed) conversation.createdAt = now - needed;
  }
  planned.sort((a, b) => a.createdAt - b.createdAt);

  const messageCount = options.messages;
  const messageConversation = new Int32Array(messageCount);
  const messageTime = new Float64Array(messageCount);
  const messageKind = new Uint8Array(messageCount);
  /** The sender of a chat message; the user who acted, for an activity (0: the system). */
  const messageActor = new Int32Array(messageCount);
  let written = 0;
  planned.forEach((conversation, index) => {
    conversation.firstMessage = written;
    const story = storyOf(conversation, account, pickMember[conversation.inboxIndex]!, random);
    const times = timesOf(story.kinds, conversation.createdAt, now, random);
    for (let position = 0; position < story.kinds.length; position++) {
      messageConversation[written] = index;
      messageTime[written] = times[position]!;
      messageKind[written] = story.kinds[position]!;
      messageActor[written] = story.actors[position]!;
      written++;
    }
  });

  const order = timeOrder(messageTime);
  const rankOf = new Int32Array(messageCount);
  order.forEach((sequence, rank) => {
    rankOf[sequence] = rank;
  });
  const messageIdOf = (sequence: number) => firstIds.message + rankOf[sequence]!;

  // Contacts and their sessions get ids in the order they first write; each contact is created just before.
  const contactGenerate = contactGenerator({ seed: seed + 1, now });
  const contactIdOfKey = new Map<number, number>();
  const contacts: ContactRow[] = [];
  const contactInboxIds = new Map<string, number>();
  const contactInboxes: ContactInboxRow[] = [];
  const contactOf = (conversation: PlannedConversation): ContactRow => {
    let id = contactIdOfKey.get(conversation.contactKey);
    if (id === undefined) {
      id = firstIds.contact + contacts.length;
      contactIdOfKey.set(conversation.contactKey, id);
      const generated = contactGenerate.next();
      const createdAt = conversation.createdAt - random.below(900);
      contacts.push({
        id,
        account_id: account.accountId,
        name: generated.name,
        email: generated.email,
        phone_number: generated.phone_number,
        identifier: generated.identifier,
        blocked: generated.blocked,
        avatar_url: null,
        additional_attributes: writeJson(generated.additional_attributes),
        custom_attributes: writeJson(generated.custom_attributes),
        last_activity_at: null,
        created_at: createdAt,
        updated_at: createdAt,
      });
    }
    return contacts[id - firstIds.contact]!;
  };

  const noAttributes = writeJson({});
  const conversations: ConversationRow[] = [];
  const labels: ConversationLabelRow[] = [];
  planned.forEach((conversation, index) => {
    const inbox = account.inboxes[conversation.inboxIndex]!;
    const contact = contactOf(conversation);
    const sessionKey = `${contact.id}:${inbox.id}`;
    let contactInboxId = contactInboxIds.get(sessionKey);
    if (contactInboxId === undefined) {
      contactInboxId = firstIds.contactInbox + contactInboxes.length;
      contactInboxIds.set(sessionKey, contactInboxId);
      contactInboxes.push({
        id: contactInboxId,
        contact_id: contact.id,
        inbox_id: inbox.id,
        source_id: stableUuid(seed, 'contact-inbox', contactInboxId),
        hmac_verified: false,
        created_at: conversation.createdAt,
        updated_at: conversation.createdAt,
      });
    }

    const first = conversation.firstMessage;
    const last = first + conversation.messageCount - 1;
    let lastNonActivity = first;
    let firstReplyAt: number | null = null;
    let waitingSince: number | null = conversation.createdAt;
    let lastAgentTouch: number | null = null;
    let lastReplyAt: number | null = null;
    let labelledAt: number | null = null;
    for (let sequence = first; sequence <= last; sequence++) {
      const kind = messageKind[sequence]!;
      const time = messageTime[sequence]!;
      if (!isActivity(kind)) lastNonActivity = sequence;
      if (isIncoming(kind)) {
        waitingSince ??= time;
        if ((contact.last_activity_at ?? 0) < time) {
          contact.last_activity_at = time;
          contact.updated_at = time;
        }
      } else if (isHumanReply(kind) || kind === Kind.botReply) {
        // Any reply, a bot's included, stops the wait; only a person's counts as the first reply.
        waitingSince = null;
        if (isHumanReply(kind)) {
          firstReplyAt ??= time;
          lastReplyAt = time;
        }
      } else if (kind === Kind.resolved) {
        waitingSince = null;
      } else if (kind === Kind.assigned && conversation.handling === 'botThenHuman') {
        // A person taking over from the bot: the contact waits for them from then on.
        waitingSince ??= time;
      }
      if (kind === Kind.labelsAdded) labelledAt = time;
      if (kind !== Kind.botReply && !isIncoming(kind) && messageActor[sequence]! > 0) lastAgentTouch = time;
    }
    const lastActivityAt = messageTime[last]!;
    if (conversation.status === 'resolved') waitingSince = null;

    const agentLastSeenAt = agentLastSeen(conversation, lastActivityAt, lastAgentTouch, now, random);
    const conversationId = firstIds.conversation + index;
    for (const label of conversation.labels) {
      labels.push({
        id: firstIds.conversationLabel + labels.length,
        account_id: account.accountId,
        conversation_id: conversationId,
        label,
        created_at: labelledAt ?? messageTime[first + Math.floor(conversation.messageCount / 2)]!,
      });
    }
    const orderId = topics[conversation.topic]!.name === 'shipping' && random.chance(0.5);
    conversations.push({
      id: conversationId,
      account_id: account.accountId,
      inbox_id: inbox.id,
      contact_id: contact.id,
      contact_inbox_id: contactInboxId,
      display_id: index + 1,
      uuid: stableUuid(seed, 'conversation', index),
      status: conversation.status,
      priority: conversation.priority,
      assignee_id: conversation.assigneeId,
      assignee_agent_bot_id: conversation.handling === 'botOnly' ? inbox.botId : null,
      team_id: conversation.teamIndex === null ? null : account.teams[conversation.teamIndex]!.id,
      campaign_id: null,
      snoozed_until:
        conversation.status === 'snoozed' && random.chance(0.6) ? now + 3600 + random.below(7 * daySeconds) : null,
      waiting_since: waitingSince,
      first_reply_created_at: firstReplyAt,
      agent_last_seen_at: agentLastSeenAt,
      assignee_last_seen_at: conversation.assigneeId === null ? null : agentLastSeenAt,
      contact_last_seen_at:
        lastReplyAt !== null && random.chance(0.35) ? Math.min(now, lastReplyAt + random.below(600)) : null,
      last_activity_at: lastActivityAt,
      last_message_id: messageIdOf(last),
      last_non_activity_message_id: messageIdOf(lastNonActivity),
      additional_attributes: noAttributes,
      custom_attributes: orderId ? writeJson({ order_id: `ORD-${100_000 + random.below(900_000)}` }) : noAttributes,
      created_at: conversation.createdAt,
      updated_at: lastActivityAt * 1000 + random.below(1000),
    });
  });

  return {
    contacts,
    contactInboxes,
    conversations,
    labels,
    messageCount,
    messages: () =>
      emitMessages({
        seed,
        account,
        firstIds,
        planned,
        conversations,
        contacts,
        order,
        messageConversation,
        messageTime,
        messageKind,
        messageActor,
      }),
  };
}

/** Scales the conversations' weights to whole message counts, at least one each, adding up to `messages` exactly. */
function assignMessageCounts(planned: PlannedConversation[], messages: number): void {
  const extra = messages - planned.length;
  const totalWeight = planned.reduce((sum, conversation) => sum + conversation.weight, 0);
  const remainders: number[] = [];
  let assigned = 0;
  planned.forEach((conversation, index) => {
    const share = (conversation.weight * extra) / totalWeight;
    const whole = Math.floor(share);
    conversation.messageCount = 1 + whole;
    assigned += whole;
    remainders[index] = share - whole;
  });
  const byRemainder = planned.map((_, index) => index).sort((a, b) => remainders[b]! - remainders[a]!);
  for (let i = 0; i < extra - assigned; i++) planned[byRemainder[i]!]!.messageCount++;
}

/** The kinds of a conversation's messages in order, with who sent each (or acted, for activities). */
function storyOf(
  conversation: PlannedConversation,
  account: ConversationAccountShape,
  pickMember: (random: Random) => number,
  random: Random,
): { kinds: Kind[]; actors: number[] } {
  const count = conversation.messageCount;
  const assignee = conversation.assigneeId;
  const botId = account.inboxes[conversation.inboxIndex]!.botId ?? 0;
  const agent = () => (assignee !== null && random.chance(0.85) ? assignee : pickMember(random));

  // The activities, decided first so that the chat gets the rest of the messages.
  let trailing: Kind | null = null;
  if (count >= 2) {
    if (conversation.status === 'resolved' && random.chance(0.85)) trailing = Kind.resolved;
    else if (conversation.status === 'snoozed' && random.chance(0.9)) trailing = Kind.snoozed;
    else if (conversation.status === 'pending' && conversation.handling !== 'botOnly' && random.chance(0.9)) {
      trailing = Kind.pending;
    }
  }
  const middle: Array<[Kind, number]> = [];
  let room = count - 1 - (trailing === null ? 0 : 1);
  const take = (kind: Kind, actor: number, minimumRoom: number, chance: number) => {
    if (room >= minimumRoom && random.chance(chance)) {
      middle.push([kind, actor]);
      room--;
    }
  };
  let assignment: [Kind, number] | null = null;
  if (assignee !== null && room >= 2 && random.chance(0.6)) {
    assignment = random.chance(0.45) ? [Kind.selfAssigned, assignee] : [Kind.assigned, account.adminId];
    room--;
  }
  if (conversation.teamIndex !== null) take(Kind.teamAssigned, account.adminId, 4, 0.3);
  if (conversation.priority !== null) take(Kind.prioritySet, agent(), 4, 0.6);
  if (conversation.labels.length > 0 && conversation.handling !== 'botOnly') take(Kind.labelsAdded, agent(), 4, 0.5);
  const reopens = count >= 12 && conversation.handling !== 'botOnly' && room >= 8 && random.chance(0.2);
  if (reopens) room -= 2;

  // The chat: the contact opens (or, now and then, an agent does), then turns alternate.
  const chatCount = room + 1;
  const chat: Kind[] = [conversation.agentInitiated ? Kind.agentOpening : Kind.opening];
  const chatActors: number[] = [conversation.agentInitiated ? assignee! : 0];
  const botTurns = conversation.handling === 'botThenHuman' ? 1 + random.below(3) : 0;
  const nobodyAnswers = conversation.status === 'open' && assignee === null;
  for (let position = 1; position < chatCount; position++) {
    const previous = chat[position - 1]!;
    let kind: Kind;
    if (conversation.handling === 'botOnly' || position <= 2 * botTurns) {
      kind = isIncoming(previous) ? Kind.botReply : Kind.incoming;
    } else if (nobodyAnswers) {
      kind = Kind.incoming;
    } else {
      const draw = random.next();
      if (isIncoming(previous)) kind = draw < 0.6 ? Kind.reply : draw < 0.92 ? Kind.incoming : Kind.note;
      else if (previous === Kind.note) kind = draw < 0.7 ? Kind.reply : Kind.incoming;
      else kind = draw < 0.65 ? Kind.incoming : draw < 0.94 ? Kind.reply : Kind.note;
    }
    chat.push(kind);
    chatActors.push(kind === Kind.botReply ? botId : isIncoming(kind) ? 0 : agent());
  }
  // An open conversation mostly waits on the agent: its last word is the contact's.
  if (conversation.status === 'open' && chatCount >= 2 && random.chance(0.6)) {
    chat[chatCount - 1] = Kind.incoming;
    chatActors[chatCount - 1] = 0;
  }

  const kinds: Kind[] = [];
  const actors: number[] = [];
  const push = (kind: Kind, actor: number) => {
    kinds.push(kind);
    actors.push(actor);
  };
  // The assignment comes once the bot has handed over, or after the opening message.
  const assignmentAfter = Math.min(chatCount - 1, botTurns > 0 ? 2 * botTurns : 0);
  const middleAt = middle.map(() => 1 + random.below(Math.max(1, chatCount - 1)));
  const reopenAt = reopens ? 2 + random.below(chatCount - 3) : -1;
  if (reopens) {
    chat[reopenAt] = Kind.incoming;
    chatActors[reopenAt] = 0;
  }
  for (let position = 0; position < chatCount; position++) {
    if (position === reopenAt) {
      // Resolved, then the contact wrote again: the system reopens the conversation after that message.
      push(Kind.resolved, agent());
      push(chat[position]!, chatActors[position]!);
      push(Kind.reopened, 0);
    } else {
      push(chat[position]!, chatActors[position]!);
    }
    if (position === assignmentAfter && assignment) push(...assignment);
    middle.forEach((activity, index) => {
      if (middleAt[index] === position) push(...activity);
    });
  }
  if (trailing !== null) push(trailing, conversation.handling === 'botOnly' ? 0 : agent());
  if (kinds.length !== count) throw new Error(`planned ${kinds.length} messages instead of ${count}`);
  return { kinds, actors };
}

/**
 * The times of a conversation's messages, strictly increasing from its start: a chat's turns minutes apart, now and
 * then hours or days; an activity seconds after what caused it. Squeezed to end before `now` when they would not.
 */
function timesOf(kinds: Kind[], start: number, now: number, random: Random): number[] {
  const offsets = [0];
  for (let position = 1; position < kinds.length; position++) {
    const kind = kinds[position]!;
    const previous = kinds[position - 1]!;
    let gap: number;
    if (kind === Kind.resolved || kind === Kind.snoozed || kind === Kind.pending) gap = 10 + exponential(random, 1800);
    else if (isActivity(kind)) gap = 2 + random.below(60);
    else if (kind === Kind.botReply) gap = 1 + random.below(5);
    else if (isActivity(previous)) gap = 5 + random.below(120);
    else {
      const draw = random.next();
      gap =
        draw < 0.7
          ? 10 + exponential(random, 180)
          : draw < 0.92
            ? 60 + exponential(random, 7200)
            : 600 + exponential(random, 2 * daySeconds);
    }
    offsets.push(offsets[position - 1]! + Math.max(1, Math.round(gap)));
  }
  const last = kinds.length - 1;
  const room = now - 1 - start;
  if (offsets[last]! <= room) return offsets.map((offset) => start + offset);
  // Keep a second between messages and scale what the gaps have beyond it.
  const scale = (room - last) / (offsets[last]! - last);
  return offsets.map((offset, position) => start + position + Math.floor((offset - position) * scale));
}

/** The ranks of the messages in time order, ties kept in the order they were planned. */
function timeOrder(times: Float64Array): Int32Array {
  const count = times.length;
  const sequenceBits = Math.max(1, Math.ceil(Math.log2(count + 1)));
  const sequenceSpan = 2 ** sequenceBits;
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const time of times) {
    earliest = Math.min(earliest, time);
    latest = Math.max(latest, time);
  }
  if ((latest - earliest + 1) * sequenceSpan > Number.MAX_SAFE_INTEGER) throw new Error('too many messages to order');
  // Each key holds the time and the planned position: a numeric sort of plain numbers, much faster than a comparator.
  const keys = new Float64Array(count);
  for (let sequence = 0; sequence < count; sequence++)
    keys[sequence] = (times[sequence]! - earliest) * sequenceSpan + sequence;
  keys.sort();
  const order = new Int32Array(count);
  for (let rank = 0; rank < count; rank++) order[rank] = keys[rank]! % sequenceSpan;
  return order;
}

/**
 * When an agent last opened the conversation: resolved ones when they were resolved; about half of those still being
 * worked on since their last message, a third when an agent last wrote (what the contact wrote after is unread), the
 * rest never; bots' conversations never.
 */
function agentLastSeen(
  conversation: PlannedConversation,
  lastActivityAt: number,
  lastAgentTouch: number | null,
  now: number,
  random: Random,
): number | null {
  if (conversation.handling === 'botOnly') return null;
  const caughtUp = () => Math.min(now, lastActivityAt + random.below(300));
  if (conversation.status === 'resolved') return random.chance(0.9) ? caughtUp() : lastAgentTouch;
  if (conversation.assigneeId === null) return random.chance(0.3) ? lastAgentTouch : null;
  const draw = random.next();
  if (draw < 0.55) return caughtUp();
  return draw < 0.9 ? lastAgentTouch : null;
}

interface EmitInput {
  seed: number;
  account: ConversationAccountShape;
  firstIds: FirstIds;
  planned: PlannedConversation[];
  conversations: ConversationRow[];
  contacts: ContactRow[];
  order: Int32Array;
  messageConversation: Int32Array;
  messageTime: Float64Array;
  messageKind: Uint8Array;
  messageActor: Int32Array;
}

const attachmentKinds = weightedPicker<[AttachmentRow['file_type'], string, string]>([
  [['image', 'image/jpeg', 'jpg'], 40],
  [['image', 'image/png', 'png'], 20],
  [['file', 'application/pdf', 'pdf'], 22],
  [['file', 'text/csv', 'csv'], 8],
  [['video', 'video/mp4', 'mp4'], 5],
  [['audio', 'audio/ogg', 'ogg'], 5],
]);

/** The messages in id order, their texts written as they go. */
function* emitMessages(input: EmitInput): Generator<GeneratedMessage> {
  const { seed, account, firstIds, planned, conversations, contacts, order } = input;
  const random = createRandom(seed + 2);
  const text = textWriter(random);
  const empty = writeJson({});
  const statusActivity = (status: ConversationStatus) =>
    writeJson({ activity: { type: 'conversation_status_changed', status } });
  const resolvedActivity = statusActivity('resolved');
  const activityAttributes = new Map<number, ReturnType<typeof statusActivity>>([
    [Kind.resolved, resolvedActivity],
    [Kind.reopened, statusActivity('open')],
    [Kind.snoozed, statusActivity('snoozed')],
    [Kind.pending, statusActivity('pending')],
  ]);
  const nameOf = (id: number) => account.userNames.get(id) ?? 'Unknown';
  let attachments = 0;

  for (let rank = 0; rank < order.length; rank++) {
    const sequence = order[rank]!;
    const index = input.messageConversation[sequence]!;
    const conversation = conversations[index]!;
    const plan = planned[index]!;
    const kind = input.messageKind[sequence]! as Kind;
    const actor = input.messageActor[sequence]!;
    const time = input.messageTime[sequence]!;
    const topic = topics[plan.topic]!;
    const contact = contacts[conversation.contact_id - firstIds.contact]!;
    const firstName = (contact.name ?? '').split(' ')[0]!;
    const withAttachment = isIncoming(kind) && random.chance(0.035);

    let content: string | null;
    let sender: Pick<MessageRow, 'sender_type' | 'sender_id'> = { sender_type: null, sender_id: null };
    switch (kind) {
      case Kind.opening:
      case Kind.incoming:
        content = kind === Kind.opening ? text.opening(topic) : text.incoming(topic);
        if (withAttachment && random.chance(0.3)) content = null;
        sender = { sender_type: 'Contact', sender_id: contact.id };
        break;
      case Kind.agentOpening:
      case Kind.reply:
      case Kind.note:
        content =
          kind === Kind.agentOpening
            ? text.fill(random.pick(agentOpenings), firstName)
            : kind === Kind.note
              ? text.fill(random.pick(topic.notes), firstName)
              : text.reply(topic, firstName);
        sender = { sender_type: 'User', sender_id: actor };
        break;
      case Kind.botReply:
        content = random.pick(botReplies);
        sender = { sender_type: 'AgentBot', sender_id: actor };
        break;
      default:
        content = activityText(kind, actor, plan, account, nameOf);
    }

    const messageId = firstIds.message + rank;
    const message: MessageRow = {
      id: messageId,
      account_id: conversation.account_id,
      inbox_id: conversation.inbox_id,
      conversation_id: conversation.id,
      message_type: messageTypeOf(kind),
      content_type: 'text',
      content,
      private: kind === Kind.note,
      status: 'sent',
      source_id: null,
      ...sender,
      content_attributes: activityAttributes.get(kind) ?? empty,
      additional_attributes: empty,
      external_source_ids: empty,
      created_at: time,
      updated_at: time,
    };
    let attachment: AttachmentRow | null = null;
    if (withAttachment) {
      const [fileType, contentType, extension] = attachmentKinds(random);
      const id = firstIds.attachment + attachments++;
      const isPicture = fileType === 'image' || fileType === 'video';
      attachment = {
        id,
        account_id: conversation.account_id,
        message_id: messageId,
        file_type: fileType,
        storage_key: stableUuid(seed, 'attachment', id).replace(/-/g, ''),
        file_name: `${fileType === 'image' ? 'IMG' : fileType}-${1000 + random.below(9000)}.${extension}`,
        content_type: contentType,
        extension,
        file_size: 2000 + Math.floor(exponential(random, fileType === 'video' ? 8_000_000 : 400_000)),
        width: isPicture ? random.pick([640, 1080, 1280, 1920]) : null,
        height: isPicture ? random.pick([480, 720, 1080, 1440]) : null,
        created_at: time,
      };
    }
    yield { message, attachment };
  }
}

function activityText(
  kind: Kind,
  actor: number,
  conversation: PlannedConversation,
  account: ConversationAccountShape,
  nameOf: (id: number) => string,
): string {
  const by = actor === 0 ? (account.bot?.name ?? 'System') : nameOf(actor);
  switch (kind) {
    case Kind.assigned:
      return `Assigned to ${nameOf(conversation.assigneeId!)} by ${by}`;
    case Kind.selfAssigned:
      return `${by} self-assigned this conversation`;
    case Kind.teamAssigned:
      return `Assigned to ${account.teams[conversation.teamIndex!]!.name} by ${by}`;
    case Kind.labelsAdded:
      return `${by} added ${conversation.labels.join(', ')}`;
    case Kind.prioritySet:
      return `${by} set the priority to ${conversation.priority}`;
    case Kind.resolved:
      return `Conversation was marked resolved by ${by}`;
    case Kind.reopened:
      return 'System reopened the conversation due to a new incoming message.';
    case Kind.snoozed:
      return `Conversation was snoozed by ${by}`;
    default:
      return `Conversation was marked as pending by ${by}`;
  }
}

/** Sentences of a topic with their slots filled, and the greetings and sign-offs around them. */
function textWriter(random: Random) {
  const digits = (count: number) => {
    let text = String(1 + random.below(9));
    while (text.length < count) text += String(random.below(10));
    return text;
  };
  const slots: Record<string, () => string> = {
    order: () => `#${digits(6)}`,
    invoice: () => `INV-${digits(5)}`,
    amount: () => `$${(5 + random.below(500)).toString()}.${random.below(10)}${random.below(10)}`,
    date: () => `${random.pick(months)} ${1 + random.below(28)}`,
    product: () => random.pick(products),
    plan: () => random.pick(plans),
    browser: () => random.pick(browsers),
    device: () => random.pick(devices),
    tracking: () => `1Z${digits(4)}A${digits(9)}`,
    code: () => `E${digits(4)}`,
    digits: () => digits(4),
    count: () => String(2 + random.below(500)),
    email: () => `${random.pick(['it', 'ops', 'admin', 'finance', 'me'])}@${random.pick(['example.com', 'acme.io'])}`,
  };
  const fill = (template: string, firstName: string) =>
    template.replace(/\{(\w+)\}/g, (_, slot: string) => (slot === 'first' ? firstName : slots[slot]!()));
  return {
    fill,
    opening(topic: Topic): string {
      let text = fill(random.pick(topic.openings), '');
      if (random.chance(0.6)) text = `${random.pick(customerGreetings)}, ${text[0]!.toLowerCase()}${text.slice(1)}`;
      if (random.chance(0.3)) text += ` ${random.pick(customerClosings)}`;
      return text;
    },
    incoming(topic: Topic): string {
      return random.chance(0.45) ? random.pick(customerShortReplies) : fill(random.pick(topic.followUps), '');
    },
    reply(topic: Topic, firstName: string): string {
      if (random.chance(0.35)) return random.pick(agentShortReplies);
      let text = fill(random.pick(topic.replies), firstName);
      if (random.chance(0.5)) text = `${fill(random.pick(agentGreetings), firstName)} ${text}`;
      if (random.chance(0.4)) text += ` ${random.pick(agentClosings)}`;
      return text;
    },
  };
}
