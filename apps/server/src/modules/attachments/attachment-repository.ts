import type { Database } from '../../db/connection';
import type { AttachmentRow, NewAttachmentRow } from './attachment-row';

/** The files attached to messages, as rows of `attachments`. */
export function attachmentRepository(db: Database) {
  return {
    /** Inserts the rows, answered in the order of their ids, which follows the order given. */
    async insertMany(rows: NewAttachmentRow[]): Promise<AttachmentRow[]> {
      if (rows.length === 0) return [];
      const inserted: AttachmentRow[] = await db('attachments').insert(rows).returning('*');
      // Whatever order the engine returns the rows in.
      return inserted.sort((a, b) => a.id - b.id);
    },

    /** The attachments of these messages, by id. */
    async ofMessages(messageIds: number[]): Promise<AttachmentRow[]> {
      if (messageIds.length === 0) return [];
      return db('attachments').whereIn('message_id', messageIds).orderBy('id');
    },

    /** Deletes a message's attachments, answering where their files are stored. */
    async deleteOfMessage(messageId: number): Promise<Array<Pick<AttachmentRow, 'storage_key'>>> {
      const stored: Array<Pick<AttachmentRow, 'storage_key'>> = await db('attachments')
        .where({ message_id: messageId })
        .select('storage_key');
      await db('attachments').where({ message_id: messageId }).delete();
      return stored;
    },
  };
}
