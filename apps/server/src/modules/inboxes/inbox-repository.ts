import type { ChannelType, SenderNameType } from '../../db/column-values';
import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import { readJson, writeJson } from '../../db/json-column';
import { lockingRowsOf } from '../../db/row-lock';
import type { DecodedRow, InboxColumns, TableRow, TableUpdate } from '../../db/tables';

export type { ChannelType, SenderNameType };

/** An inbox row: its settings, the public identifiers of its channel, and the channel's other settings. */
export type InboxRecord = DecodedRow<InboxColumns>;

export type InboxFields = Omit<InboxRecord, 'id' | 'created_at' | 'updated_at'>;

const largestId = 2_147_483_647;

/** Whether an id fits the 32-bit id columns; PostgreSQL rejects a larger parameter outright instead of not finding it. */
export const isStorableId = (id: number): boolean => Number.isInteger(id) && id >= 1 && id <= largestId;

function toRecord(row: TableRow<'inboxes'>): InboxRecord {
  return {
    ...row,
    enable_auto_assignment: Boolean(row.enable_auto_assignment),
    auto_assignment_config: readJson(row.auto_assignment_config),
    greeting_enabled: Boolean(row.greeting_enabled),
    enable_email_collect: Boolean(row.enable_email_collect),
    csat_survey_enabled: Boolean(row.csat_survey_enabled),
    working_hours_enabled: Boolean(row.working_hours_enabled),
    allow_messages_after_resolved: Boolean(row.allow_messages_after_resolved),
    lock_to_single_conversation: Boolean(row.lock_to_single_conversation),
    working_hours: readJson(row.working_hours),
    channel_settings: readJson(row.channel_settings),
    csat_config: readJson(row.csat_config),
  };
}

function toRow(fields: Partial<InboxFields>): TableUpdate<'inboxes'> {
  const { auto_assignment_config, working_hours, channel_settings, csat_config, ...plain } = fields;
  return {
    ...plain,
    ...(auto_assignment_config !== undefined && { auto_assignment_config: writeJson(auto_assignment_config) }),
    ...(working_hours !== undefined && { working_hours: writeJson(working_hours) }),
    ...(channel_settings !== undefined && { channel_settings: writeJson(channel_settings) }),
    ...(csat_config !== undefined && { csat_config: writeJson(csat_config) }),
  };
}

/** Inboxes, one row per inbox with its channel. */
export function inboxRepository(db: Database) {
  return {
    async insert(fields: InboxFields, now: number): Promise<InboxRecord> {
      const [row] = await db('inboxes')
        .insert({
          ...fields,
          auto_assignment_config: writeJson(fields.auto_assignment_config),
          working_hours: writeJson(fields.working_hours),
          channel_settings: writeJson(fields.channel_settings),
          csat_config: writeJson(fields.csat_config),
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      return { id: idOf(row), ...fields, created_at: now, updated_at: now };
    },

    /** With `lock`, inside a transaction, the row stays locked until it ends: see `lockingRowsOf`. */
    async findInAccount(accountId: number, id: number, { lock = false } = {}): Promise<InboxRecord | undefined> {
      if (!isStorableId(id)) return undefined;
      const query = db('inboxes').where({ account_id: accountId, id }).first();
      const row = await (lock ? lockingRowsOf(db, 'inboxes', query) : query);
      return row && toRecord(row);
    },

    /** The API-channel inbox the client API addresses by its public identifier. */
    /** The names of the account's inboxes among `ids`; ids of no inbox of the account are left out. */
    async namesInAccount(accountId: number, ids: Array<number | null>): Promise<Map<number, string>> {
      const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
      if (wanted.length === 0) return new Map();
      const rows = await db('inboxes').where({ account_id: accountId }).whereIn('id', wanted).select('id', 'name');
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    async findByIdentifier(inboxIdentifier: string): Promise<InboxRecord | undefined> {
      const row = await db('inboxes')
        .where({ inbox_identifier: inboxIdentifier, channel_type: 'Channel::Api' satisfies ChannelType })
        .first();
      return row && toRecord(row);
    },

    /** The account's inboxes by name; only those `memberUserId` belongs to, when given. */
    async listInAccount(accountId: number, memberUserId?: number): Promise<InboxRecord[]> {
      const query = db('inboxes').where('inboxes.account_id', accountId);
      if (memberUserId !== undefined) {
        query.whereIn('inboxes.id', db('inbox_members').select('inbox_id').where('user_id', memberUserId));
      }
      const rows = await query.orderByRaw('lower(inboxes.name), inboxes.id');
      return rows.map(toRecord);
    },

    /** Who is a member of which inbox of the account. */
    async membersInAccount(accountId: number): Promise<Array<{ inbox_id: number; user_id: number }>> {
      return db('inbox_members')
        .join('inboxes', 'inboxes.id', 'inbox_members.inbox_id')
        .where('inboxes.account_id', accountId)
        .select('inbox_members.inbox_id', 'inbox_members.user_id');
    },

    async findManyInAccount(accountId: number, ids: number[]): Promise<InboxRecord[]> {
      if (ids.length === 0) return [];
      const rows = await db('inboxes').where('account_id', accountId).whereIn('id', ids);
      return rows.map(toRecord);
    },

    async emailTaken(emailAddress: string, exceptInboxId?: number): Promise<boolean> {
      const query = db('inboxes').select('id').where({ email_address: emailAddress });
      if (exceptInboxId !== undefined) query.whereNot('id', exceptInboxId);
      return (await query.first()) !== undefined;
    },

    async update(id: number, changes: Partial<InboxFields>, now: number): Promise<void> {
      await db('inboxes')
        .where({ id })
        .update({ ...toRow(changes), updated_at: now });
    },
  };
}

export type InboxRepository = ReturnType<typeof inboxRepository>;
