import type { AttachmentFileType } from './file-type';

/** A row of the `attachments` table: one file attached to a message. */
export interface AttachmentRow {
  id: number;
  message_id: number;
  account_id: number;
  file_type: AttachmentFileType;
  /** Where the storage keeps the file: a random key no one can guess. */
  storage_key: string;
  /** The file's name as it was uploaded, without any folder. */
  file_name: string;
  /** The media type the uploader declared, without parameters: `image/png`. */
  content_type: string;
  /** The file name's extension without its dot (`png`); null when the name has none. */
  extension: string | null;
  /** In bytes. */
  file_size: number;
  /** In pixels, for an image whose header tells them; null otherwise. */
  width: number | null;
  height: number | null;
  /** Unix seconds. */
  created_at: number;
}

/** What an insert into `attachments` gives: every column but the id, which the database assigns. */
export type NewAttachmentRow = Omit<AttachmentRow, 'id'>;
