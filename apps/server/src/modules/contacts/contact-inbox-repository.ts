import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import type { ContactInboxColumns, DecodedRow, TableRow } from '../../db/tables';
import { randomToken } from '../access-tokens/random-token';

export type ContactInboxRecord = DecodedRow<ContactInboxColumns>;

const toRecord = (row: TableRow<'contact_inboxes'>): ContactInboxRecord => ({
  ...row,
  hmac_verified: Boolean(row.hmac_verified),
});

/** The sessions of contacts in inboxes: one per source id within an inbox. */
export function contactInboxRepository(db: Database) {
  return {
    async insert(contactId: number, inboxId: number, sourceId: string, now: number): Promise<ContactInboxRecord> {
      const record = {
        contact_id: contactId,
        inbox_id: inboxId,
        source_id: sourceId,
        hmac_verified: false,
        pubsub_token: randomToken(),
        created_at: now,
        updated_at: now,
      };
      const [row] = await db('contact_inboxes').insert(record).returning('id');
      return { id: idOf(row), ...record };
    },

    /** Gives the session a realtime token if it has none (it was opened before tokens were), and answers its token. */
    async ensurePubsubToken(session: ContactInboxRecord): Promise<string> {
      if (session.pubsub_token !== null) return session.pubsub_token;
      await db('contact_inboxes').where({ id: session.id, pubsub_token: null }).update({ pubsub_token: randomToken() });
      const row = await db('contact_inboxes').select('pubsub_token').where({ id: session.id }).first();
      return row?.pubsub_token ?? '';
    },

    /** Marks the session as one whose contact proved their identity. */
    async markVerified(id: number, now: number): Promise<void> {
      await db('contact_inboxes').where({ id }).update({ hmac_verified: true, updated_at: now });
    },

    async findBySource(inboxId: number, sourceId: string): Promise<ContactInboxRecord | undefined> {
      const row = await db('contact_inboxes').where({ inbox_id: inboxId, source_id: sourceId }).first();
      return row && toRecord(row);
    },

    /** The account's oldest session with this source id, in whichever of its inboxes. */
    async findFirstInAccountBySource(accountId: number, sourceId: string): Promise<ContactInboxRecord | undefined> {
      const row = await db('contact_inboxes')
        .join('inboxes', 'inboxes.id', 'contact_inboxes.inbox_id')
        .where('inboxes.account_id', accountId)
        .where('contact_inboxes.source_id', sourceId)
        .orderBy('contact_inboxes.id')
        .first('contact_inboxes.*');
      return row && toRecord(row);
    },

    /** These sessions, by id. */
    async findMany(ids: number[]): Promise<ContactInboxRecord[]> {
      if (ids.length === 0) return [];
      const rows = await db('contact_inboxes').whereIn('id', ids);
      return rows.map(toRecord);
    },

    /** The sessions of these contacts, oldest first. */
    async listOfContacts(contactIds: number[]): Promise<ContactInboxRecord[]> {
      if (contactIds.length === 0) return [];
      const rows = await db('contact_inboxes').whereIn('contact_id', contactIds).orderBy('id');
      return rows.map(toRecord);
    },
  };
}
