import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import { readJson, writeJson } from '../../db/json-column';
import { lockingRowsOf } from '../../db/row-lock';
import type { ConversationColumns, DecodedRow, TableRow, TableUpdate } from '../../db/tables';

export type ConversationRecord = DecodedRow<ConversationColumns>;

/** What a service sets of a conversation; the ids, the display id and the creation time are fixed at creation. */
export type ConversationFields = Omit<
  ConversationRecord,
  'id' | 'account_id' | 'display_id' | 'uuid' | 'created_at' | 'updated_at'
>;

export type NewConversation = Pick<ConversationRecord, 'account_id' | 'inbox_id' | 'contact_id'> &
  Partial<ConversationFields>;

export function toConversationRecord(row: TableRow<'conversations'>): ConversationRecord {
  return {
    ...row,
    additional_attributes: readJson(row.additional_attributes),
    custom_attributes: readJson(row.custom_attributes),
  };
}

function toRow(fields: Partial<ConversationFields>): TableUpdate<'conversations'> {
  const { additional_attributes, custom_attributes, ...plain } = fields;
  return {
    ...plain,
    ...(additional_attributes !== undefined && { additional_attributes: writeJson(additional_attributes) }),
    ...(custom_attributes !== undefined && { custom_attributes: writeJson(custom_attributes) }),
  };
}

/** Conversations, always within one account. */
export function conversationRepository(db: Database) {
  return {
    /**
     * The account's next display id. The counter row is bumped by one statement, so concurrent creations take turns
     * on it until their transactions end; the first conversation of an account starts it after any display id already
     * stored, so that a counter lost with a restored backup cannot hand out a taken number.
     */
    async nextDisplayId(accountId: number): Promise<number> {
      const result = await db.raw(
        `insert into conversation_display_ids (account_id, last_value)
           values (?, (select coalesce(max(display_id), 0) + 1 from conversations where account_id = ?))
           on conflict (account_id) do update set last_value = conversation_display_ids.last_value + 1
           returning last_value`,
        [accountId, accountId],
      );
      const rows: Array<{ last_value: number | string }> = Array.isArray(result) ? result : result.rows;
      const [row] = rows;
      if (row === undefined) throw new Error('the display id counter returned no row');
      return Number(row.last_value);
    },

    /** Inserts the conversation under the account's next display id; call it inside the creating transaction. */
    async insert(fields: NewConversation, now: { seconds: number; milliseconds: number }): Promise<ConversationRecord> {
      const displayId = await this.nextDisplayId(fields.account_id);
      const record: Omit<ConversationRecord, 'id'> = {
        contact_inbox_id: null,
        status: 'open',
        priority: null,
        assignee_id: null,
        assignee_agent_bot_id: null,
        team_id: null,
        campaign_id: null,
        snoozed_until: null,
        waiting_since: null,
        first_reply_created_at: null,
        agent_last_seen_at: null,
        assignee_last_seen_at: null,
        contact_last_seen_at: null,
        last_activity_at: now.seconds,
        last_message_id: null,
        last_non_activity_message_id: null,
        additional_attributes: {},
        custom_attributes: {},
        ...fields,
        display_id: displayId,
        uuid: randomUUID(),
        created_at: now.seconds,
        updated_at: now.milliseconds,
      };
      const { account_id, inbox_id, contact_id, display_id, uuid, created_at, updated_at, ...rest } = record;
      const [row] = await db('conversations')
        .insert({
          ...toRow(rest),
          account_id,
          inbox_id,
          contact_id,
          display_id,
          uuid,
          created_at,
          updated_at,
          last_activity_at: rest.last_activity_at,
          additional_attributes: writeJson(rest.additional_attributes),
          custom_attributes: writeJson(rest.custom_attributes),
        })
        .returning('id');
      return { id: idOf(row), ...record };
    },

    /**
     * The conversation of the account with this display id; with `openableBy`, only if that user is a member of its
     * inbox or of its team. With `lock`, see `lockingRowsOf`.
     */
    async findByDisplayId(
      accountId: number,
      displayId: number,
      { lock = false, openableBy }: { lock?: boolean; openableBy?: number } = {},
    ): Promise<ConversationRecord | undefined> {
      const query = db('conversations').where({ account_id: accountId, display_id: displayId }).first();
      if (openableBy !== undefined) {
        query.where((either) =>
          either
            .whereExists((inbox) =>
              inbox
                .select(db.raw('1'))
                .from('inbox_members')
                .whereRaw('inbox_members.inbox_id = conversations.inbox_id')
                .where('inbox_members.user_id', openableBy),
            )
            .orWhereExists((team) =>
              team
                .select(db.raw('1'))
                .from('team_members')
                .whereRaw('team_members.team_id = conversations.team_id')
                .where('team_members.user_id', openableBy),
            ),
        );
      }
      const row = await (lock ? lockingRowsOf(db, 'conversations', query) : query);
      return row && toConversationRecord(row);
    },

    async findById(id: number): Promise<ConversationRecord | undefined> {
      const row = await db('conversations').where({ id }).first();
      return row && toConversationRecord(row);
    },

    /** The display ids of these conversations, by id. */
    async displayIdsOf(ids: number[]): Promise<Map<number, number>> {
      if (ids.length === 0) return new Map();
      const rows = await db('conversations').whereIn('id', ids).select('id', 'display_id');
      return new Map(rows.map((row) => [row.id, row.display_id]));
    },

    /** The conversation with this `uuid`, in any account: survey links carry it. With `lock`, see `lockingRowsOf`. */
    async findByUuid(uuid: string, { lock = false }: { lock?: boolean } = {}): Promise<ConversationRecord | undefined> {
      const query = db('conversations').where({ uuid }).first();
      const row = await (lock ? lockingRowsOf(db, 'conversations', query) : query);
      return row && toConversationRecord(row);
    },

    /**
     * The conversations a contact's session sees through the client API, oldest first: the session's own, or every
     * conversation of the contact in the account when the session proved the contact's identity.
     */
    async listOfSession(
      session: { id: number; contact_id: number; hmac_verified: boolean },
      accountId: number,
      displayId?: number,
    ): Promise<ConversationRecord[]> {
      const query = session.hmac_verified
        ? db('conversations').where({ account_id: accountId, contact_id: session.contact_id })
        : db('conversations').where({ contact_inbox_id: session.id });
      if (displayId !== undefined) query.where({ account_id: accountId, display_id: displayId });
      const rows = await query.orderBy('id');
      return rows.map(toConversationRecord);
    },

    /** The session's newest conversation, for inboxes that keep one conversation per contact. */
    async latestOfSession(contactInboxId: number): Promise<ConversationRecord | undefined> {
      const row = await db('conversations').where({ contact_inbox_id: contactInboxId }).orderBy('id', 'desc').first();
      return row && toConversationRecord(row);
    },

    /**
     * Snoozed conversations whose snooze time is `now` or earlier, the earliest first, read through the partial index
     * `conversations_snoozed_until`, whose condition the query repeats.
     */
    async dueSnoozes(
      now: number,
      limit: number,
    ): Promise<Array<Pick<ConversationRecord, 'account_id' | 'display_id'>>> {
      return db('conversations')
        .select('account_id', 'display_id')
        .where('status', 'snoozed')
        .whereNotNull('snoozed_until')
        .where('snoozed_until', '<=', now)
        .orderBy('snoozed_until')
        .limit(limit);
    },

    async update(id: number, changes: Partial<ConversationFields>, nowMilliseconds: number): Promise<void> {
      await db('conversations')
        .where({ id })
        .update({ ...toRow(changes), updated_at: nowMilliseconds });
    },
  };
}

export type ConversationRepository = ReturnType<typeof conversationRepository>;
