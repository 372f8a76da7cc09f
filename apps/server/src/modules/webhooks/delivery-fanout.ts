import { randomUUID } from 'node:crypto';
import type { Clock } from '../../config/clock';
import type { Database } from '../../db/connection';
import { inOneRound } from '../../db/read-rounds';
import type { DomainEvent, EventConsumer } from '../../events/domain-event';
import { agentBotRepository } from '../agent-bots/agent-bot-repository';
import type { ContactRecord } from '../contacts/contact-repository';
import { contactRepository } from '../contacts/contact-repository';
import type { ConversationRecord } from '../conversations/conversation-repository';
import type { Presentation } from '../conversations/conversation-service';
import type { MessageRecord } from '../conversations/message-repository';
import { inboxAgentBotRepository } from '../inboxes/inbox-agent-bot-repository';
import { type InboxRecord, inboxRepository } from '../inboxes/inbox-repository';
import { type DeliveryTarget, deliveryRepository, type NewDelivery } from './delivery-repository';
import type { WebhookEvent } from './webhook-events';
import {
  accountData,
  contactData,
  conversationData,
  inboxData,
  messageData,
  type PayloadReading,
  userData,
} from './webhook-payloads';
import { type WebhookRecord, webhookRepository } from './webhook-repository';

/** The events an API inbox's `webhook_url` receives: every conversation, message and typing event of the inbox. */
const inboxEvents = new Set([
  'conversation_created',
  'conversation_updated',
  'conversation_status_changed',
  'message_created',
  'message_updated',
  'conversation_typing_on',
  'conversation_typing_off',
  'webwidget_triggered',
]);

/** The events agent bots receive, as the reference sends them. */
const botEvents = new Set([
  'message_created',
  'message_updated',
  'conversation_opened',
  'conversation_resolved',
  'conversation_status_changed',
  'conversation_updated',
  'webwidget_triggered',
]);

const webhookEvents = new Set<string>([
  'conversation_created',
  'conversation_updated',
  'conversation_status_changed',
  'message_created',
  'message_updated',
  'contact_created',
  'contact_updated',
  'webwidget_triggered',
  'inbox_created',
  'inbox_updated',
  'conversation_typing_on',
  'conversation_typing_off',
] satisfies WebhookEvent[]);

const deliverable = (name: string) => webhookEvents.has(name) || botEvents.has(name);

/** The conversation an event is about, as committed with it, if it is about one. */
function conversationOf(event: DomainEvent): ConversationRecord | undefined {
  return event.data.conversation as ConversationRecord | undefined;
}

/** Where an event goes, from what was read of its account and inbox: subscribed webhooks, the API inbox's address, the conversation's bots. */
async function targetsOf(
  reading: PayloadReading,
  event: DomainEvent,
  { inbox, webhooks, inboxBotId }: EventSurroundings,
): Promise<DeliveryTarget[]> {
  const targets: DeliveryTarget[] = webhooks
    .filter((webhook) => webhook.subscriptions.includes(event.name as WebhookEvent))
    .map((webhook) => ({ kind: 'webhook' as const, id: webhook.id, url: webhook.url }));
  const webhookUrl = inbox?.channel_type === 'Channel::Api' ? inbox.channel_settings.webhook_url : undefined;
  if (inboxEvents.has(event.name) && inbox && typeof webhookUrl === 'string' && webhookUrl !== '') {
    targets.push({ kind: 'inbox', id: inbox.id, url: webhookUrl });
  }
  const conversation = conversationOf(event);
  if (botEvents.has(event.name) && conversation) {
    const ids = [...new Set([inboxBotId, conversation.assignee_agent_bot_id].filter((id) => id != null))] as number[];
    const bots = ids.length === 0 ? [] : await agentBotRepository(reading.db).listByIds(ids);
    for (const bot of bots) {
      if (bot.outgoing_url) targets.push({ kind: 'agent_bot', id: bot.id, url: bot.outgoing_url });
    }
  }
  return targets;
}

/** What an event's targets and body depend on beyond the event: its inbox, the account's webhooks and name, the inbox's bot. */
interface EventSurroundings {
  inbox: InboxRecord | undefined;
  webhooks: WebhookRecord[];
  account: { id: number; name: string };
  inboxBotId: number | undefined;
}

/** Reads an event's surroundings together: on PostgreSQL, in one round trip. */
function surroundingsOf(db: Database, event: DomainEvent & { accountId: number }): Promise<EventSurroundings> {
  const conversation = conversationOf(event);
  return inOneRound(db, async (round) => {
    const [inbox, webhooks, account, inboxBotId] = await Promise.all([
      conversation ? inboxRepository(round).findInAccount(event.accountId, conversation.inbox_id) : undefined,
      webhookEvents.has(event.name) ? webhookRepository(round).list(event.accountId) : [],
      accountData(round, event.accountId),
      conversation && botEvents.has(event.name)
        ? inboxAgentBotRepository(round).botIdOf(conversation.inbox_id)
        : undefined,
    ]);
    return { inbox, webhooks, account, inboxBotId };
  });
}

/** Who is typing, as typing events show them: a user or a contact. */
async function typistData(reading: PayloadReading, event: DomainEvent, account: { id: number; name: string }) {
  if (event.actor.id === null) return null;
  if (event.actor.type === 'contact' && event.accountId !== null) {
    const contact = await contactRepository(reading.db).findInAccount(event.accountId, event.actor.id);
    return contact ? contactData(contact, account) : null;
  }
  if (event.actor.type === 'user') return userData(reading.db, event.actor.id);
  return null;
}

type ChangedAttributes = Array<Record<string, { previous_value: unknown; current_value: unknown }>>;

/** The attributes that hold a time, which events keep in unix seconds. */
const timeAttribute = /(_at|_until|_since)$/;

const deliveredTime = (value: unknown) => (typeof value === 'number' ? new Date(value * 1000).toISOString() : value);

/**
 * `changed_attributes` as the reference delivers them: its times are serialised by Rails, as ISO 8601 in UTC with
 * milliseconds (`2026-12-02T10:00:00.000Z`), not as the unix seconds the event keeps.
 */
function deliveredChanges(changed: ChangedAttributes): ChangedAttributes {
  return changed.map((entry) =>
    Object.fromEntries(
      Object.entries(entry).map(([name, change]) => [
        name,
        timeAttribute.test(name)
          ? { previous_value: deliveredTime(change.previous_value), current_value: deliveredTime(change.current_value) }
          : change,
      ]),
    ),
  );
}

/** The body of an event's deliveries, before `event` is added; undefined for an event that is not delivered. */
async function payloadOf(
  reading: PayloadReading,
  event: DomainEvent,
  { inbox, account }: EventSurroundings,
  nowSeconds: number,
): Promise<Record<string, unknown> | undefined> {
  const conversation = conversationOf(event);
  const changes =
    event.data.changed_attributes === undefined
      ? {}
      : { changed_attributes: deliveredChanges(event.data.changed_attributes as ChangedAttributes) };
  switch (event.name) {
    case 'message_created':
    case 'message_updated': {
      const message = event.data.message as MessageRecord;
      if (!conversation) return undefined;
      return messageData(reading, message, conversation, account, inbox, nowSeconds);
    }
    case 'contact_created':
    case 'contact_updated':
      return { ...contactData(event.data.contact as ContactRecord, account), ...changes };
    case 'inbox_created':
    case 'inbox_updated':
      return inboxData(event.data.inbox as Record<string, unknown>, account);
    case 'conversation_typing_on':
    case 'conversation_typing_off':
      if (!conversation) return undefined;
      return {
        user: await typistData(reading, event, account),
        conversation: await conversationData(reading, conversation, account, nowSeconds),
        is_private: Boolean(event.data.is_private),
      };
    default:
      if (!conversation) return undefined;
      return { ...(await conversationData(reading, conversation, account, nowSeconds)), ...changes };
  }
}

/** Whether an event is one the reference leaves out of deliveries: activity messages, contact saves that changed nothing. */
function leftOut(event: DomainEvent): boolean {
  if (event.name.startsWith('message_')) return (event.data.message as MessageRecord).message_type === 'activity';
  if (event.name === 'contact_updated') {
    const changed = event.data.changed_attributes;
    return Array.isArray(changed) && changed.length === 0;
  }
  return false;
}

/** How many events of a batch have their deliveries prepared at once. */
const concurrentEvents = 8;

/** `work` for each item, `width` at a time, answering the results in the items' order. */
async function inOrder<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}

/**
 * The consumer that turns the account's events into deliveries: for each event, the webhooks subscribed to it, the
 * API inbox's address and the conversation's agent bots each get a delivery of one body, built when the event is
 * handed on from the records the event committed (the message, the conversation, the contact) and what surrounds them.
 * A batch's events are prepared several at once, and their deliveries queued together in the order of the events, so
 * that each target's queue keeps that order. An event handled twice queues nothing twice. `onQueued` is told when
 * deliveries are waiting.
 */
export function deliveryFanout(
  source: { db: Database; presentation: () => Promise<Presentation> },
  clock: Clock,
  onQueued: () => void,
): EventConsumer {
  /** The deliveries of one event, with their bodies; none for an event that goes nowhere. */
  async function deliveriesOf(reading: PayloadReading, event: DomainEvent, now: number): Promise<NewDelivery[]> {
    if (!deliverable(event.name) || event.accountId === null || leftOut(event)) return [];
    const surroundings = await surroundingsOf(reading.db, { ...event, accountId: event.accountId });
    const targets = await targetsOf(reading, event, surroundings);
    if (targets.length === 0) return [];
    const payload = await payloadOf(reading, event, surroundings, now);
    if (!payload) return [];
    const body = JSON.stringify({ ...payload, event: event.name });
    const messageId = event.name.startsWith('message_') ? (event.data.message as MessageRecord).id : null;
    return targets.map((target) => ({
      deliveryId: randomUUID(),
      accountId: event.accountId as number,
      target,
      eventId: event.id,
      event: event.name,
      messageId: target.kind === 'inbox' ? messageId : null,
      body,
    }));
  }

  const fanout: EventConsumer = {
    name: 'webhook-deliveries',
    handle: (event) => fanout.handleBatch?.([event]) ?? Promise.resolve(),
    async handleBatch(events) {
      if (!events.some((event) => deliverable(event.name))) return;
      const reading: PayloadReading = {
        db: source.db,
        presentAttachment: (await source.presentation()).presentAttachment,
      };
      const now = clock.nowSeconds();
      const deliveries = (await inOrder(events, concurrentEvents, (event) => deliveriesOf(reading, event, now))).flat();
      if (deliveries.length === 0) return;
      await deliveryRepository(reading.db).enqueue(deliveries, now);
      onQueued();
    },
  };
  return fanout;
}
