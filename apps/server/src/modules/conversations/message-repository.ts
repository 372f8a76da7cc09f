import { type MessageType, messageTypes } from '../../db/column-values';
import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import { readJson, writeJson } from '../../db/json-column';
import type { DecodedRow, MessageColumns, TableRow, TableUpdate } from '../../db/tables';

export type MessageRecord = DecodedRow<MessageColumns>;

export type NewMessage = Omit<MessageRecord, 'id' | 'created_at' | 'updated_at'>;

export type MessageChanges = Partial<Pick<MessageRecord, 'content' | 'content_type' | 'content_attributes' | 'status'>>;

function toRecord(row: TableRow<'messages'>): MessageRecord {
  return {
    ...row,
    private: Boolean(row.private),
    content_attributes: readJson(row.content_attributes),
    additional_attributes: readJson(row.additional_attributes),
    external_source_ids: readJson(row.external_source_ids),
  };
}

/** How many messages a window of a conversation's messages holds at most, by the cursors given. */
export const messageWindowSizes = { newest: 20, before: 20, after: 100, between: 1000 } as const;

/** A window of a conversation's messages by id: after `after` (included when both are given), before `before`. */
export interface MessageWindow {
  before?: number;
  after?: number;
}

/** The messages of conversations. */
export function messageRepository(db: Database) {
  return {
    async insert(message: NewMessage, now: number): Promise<MessageRecord> {
      const record = { ...message, created_at: now, updated_at: now };
      const [row] = await db('messages')
        .insert({
          ...record,
          content_attributes: writeJson(message.content_attributes),
          additional_attributes: writeJson(message.additional_attributes),
          external_source_ids: writeJson(message.external_source_ids),
        })
        .returning('id');
      return { id: idOf(row), ...record };
    },

    async findInConversation(conversationId: number, id: number): Promise<MessageRecord | undefined> {
      const row = await db('messages').where({ conversation_id: conversationId, id }).first();
      return row && toRecord(row);
    },

    /** The conversation's satisfaction survey: its first `input_csat` message, as a conversation is sent only one. */
    async surveyOf(conversationId: number): Promise<MessageRecord | undefined> {
      const row = await db('messages')
        .where({ conversation_id: conversationId, content_type: 'input_csat' })
        .orderBy('id')
        .first();
      return row && toRecord(row);
    },

    async findMany(ids: number[]): Promise<MessageRecord[]> {
      if (ids.length === 0) return [];
      const rows = await db('messages').whereIn('id', ids);
      return rows.map(toRecord);
    },

    /**
     * Marks read the messages the agents and bots sent in the conversation up to `until` that are still sent or
     * delivered, answering them as they now stand.
     */
    async markReadByContact(conversationId: number, until: number, now: number): Promise<MessageRecord[]> {
      const unread = db('messages')
        .where('conversation_id', conversationId)
        .whereIn('message_type', ['outgoing', 'template'] satisfies MessageType[])
        .whereIn('status', ['sent', 'delivered'])
        .where('created_at', '<=', until);
      const rows = await unread.clone().select('*');
      if (rows.length === 0) return [];
      await db('messages')
        .whereIn(
          'id',
          rows.map((row) => row.id),
        )
        .update({ status: 'read', updated_at: now });
      return rows.map((row) => ({ ...toRecord(row), status: 'read' as const, updated_at: now }));
    },

    /** The newest `count` messages of the conversation a contact may see, before the message `before` if given, oldest first. */
    async visibleToContactPage(conversationId: number, count: number, before?: number): Promise<MessageRecord[]> {
      const query = db('messages')
        .where('conversation_id', conversationId)
        .whereNot('message_type', 'activity' satisfies MessageType)
        .where('private', false)
        .orderBy('id', 'desc')
        .limit(count);
      if (before !== undefined) query.where('id', '<', before);
      const rows = await query;
      return rows.map(toRecord).reverse();
    },

    /** The messages of these conversations a contact may see (no private notes, no activity), oldest first. */
    async visibleToContact(conversationIds: number[]): Promise<MessageRecord[]> {
      if (conversationIds.length === 0) return [];
      const rows = await db('messages')
        .whereIn('conversation_id', conversationIds)
        .whereNot('message_type', 'activity' satisfies MessageType)
        .where('private', false)
        .orderBy('id');
      return rows.map(toRecord);
    },

    /** A window of the conversation's messages, oldest first. */
    async window(conversationId: number, { before, after }: MessageWindow): Promise<MessageRecord[]> {
      const query = db('messages').where({ conversation_id: conversationId });
      if (after !== undefined && before !== undefined) {
        query.where('id', '>=', after).where('id', '<', before).orderBy('id', 'asc').limit(messageWindowSizes.between);
      } else if (after !== undefined) {
        query.where('id', '>', after).orderBy('id', 'asc').limit(messageWindowSizes.after);
      } else {
        if (before !== undefined) query.where('id', '<', before);
        query.orderBy('id', 'desc').limit(before === undefined ? messageWindowSizes.newest : messageWindowSizes.before);
      }
      const rows = (await query).map(toRecord);
      return after === undefined ? rows.reverse() : rows;
    },

    /**
     * How many messages the conversation took since `since` (unix seconds), counted up to `limit`: enough to know
     * whether it has taken `limit` since then. Naming every message type lets both engines count from the index of
     * the conversation's messages by type and time alone, a short range per type, without reading a message.
     */
    async countRecentSince(conversationId: number, since: number, limit: number): Promise<number> {
      const recent = db('messages')
        .select(db.raw('1'))
        .where({ conversation_id: conversationId })
        .whereIn('message_type', messageTypes)
        .where('created_at', '>=', since)
        .limit(limit)
        .as('recent');
      const [row] = await db.from(recent).count({ count: '*' });
      return Number(row?.count ?? 0);
    },

    /** When the contact last wrote in each of these conversations that has an incoming message. */
    async lastIncomingTimes(conversationIds: number[]): Promise<Map<number, number>> {
      if (conversationIds.length === 0) return new Map();
      const rows: Array<{ conversation_id: number; last: number | string | null }> = await db('messages')
        .select('conversation_id')
        .max({ last: 'created_at' })
        .whereIn('conversation_id', conversationIds)
        .where('message_type', 'incoming')
        .groupBy('conversation_id');
      return new Map(rows.filter((row) => row.last !== null).map((row) => [row.conversation_id, Number(row.last)]));
    },

    /**
     * For each conversation, how many incoming messages came after the time an agent last read it (all of them when
     * nobody has), counted up to `cap`.
     */
    async unreadCounts(
      conversations: Array<{ id: number; agent_last_seen_at: number | null }>,
      cap: number,
    ): Promise<Map<number, number>> {
      const counts = new Map<number, number>();
      if (conversations.length === 0) return counts;
      // One correlated count over a list of the conversations, rather than a query per conversation joined by UNION
      // ALL, which PostgreSQL takes longer to plan than to run.
      const seen = conversations.map(() => '(cast(? as integer), cast(? as bigint))').join(', ');
      const query = `with seen (conversation_id, last_seen_at) as (values ${seen})
        select seen.conversation_id, (select count(*) from (select 1 from messages
          where messages.conversation_id = seen.conversation_id and messages.message_type = 'incoming'
            and messages.created_at > seen.last_seen_at limit ${cap}) capped) as unread
        from seen`;
      const bindings = conversations.flatMap((conversation) => [
        conversation.id,
        conversation.agent_last_seen_at ?? -1,
      ]);
      const result = await db.raw(query, bindings);
      const rows: Array<{ conversation_id: number | string; unread: number | string }> = Array.isArray(result)
        ? result
        : result.rows;
      for (const row of rows) counts.set(Number(row.conversation_id), Number(row.unread));
      return counts;
    },

    async update(id: number, changes: MessageChanges, now: number): Promise<MessageRecord | undefined> {
      const { content_attributes, ...plain } = changes;
      const row: TableUpdate<'messages'> = {
        ...plain,
        ...(content_attributes !== undefined && { content_attributes: writeJson(content_attributes) }),
        updated_at: now,
      };
      await db('messages').where({ id }).update(row);
      const updated = await db('messages').where({ id }).first();
      return updated && toRecord(updated);
    },
  };
}
