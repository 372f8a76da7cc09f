import type { AttachmentColumns, DecodedRow } from '../../db/tables';

/** A row of the `attachments` table: one file attached to a message. */
export type AttachmentRow = DecodedRow<AttachmentColumns>;

/** What an insert into `attachments` gives: every column but the id, which the database assigns. */
export type NewAttachmentRow = Omit<AttachmentRow, 'id'>;
