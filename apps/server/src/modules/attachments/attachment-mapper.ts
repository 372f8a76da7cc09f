import type { Schemas } from '../../http/schemas';
import type { AttachmentRow } from './attachment-row';

/** The signed links of one attachment, absolute URLs: its file, and its thumbnail (`""` for all but images). */
export type AttachmentLinks = Pick<Schemas['Attachment'], 'data_url' | 'thumb_url'>;

/** An attachment as messages show it (an audio one with its transcription, empty), with links from `links`. */
export function attachmentJson(row: AttachmentRow, links: AttachmentLinks): Schemas['Attachment'] {
  return {
    id: row.id,
    message_id: row.message_id,
    file_type: row.file_type,
    account_id: row.account_id,
    extension: row.extension,
    content_type: row.content_type,
    data_url: links.data_url,
    thumb_url: links.thumb_url,
    file_size: row.file_size,
    width: row.width,
    height: row.height,
    ...(row.file_type === 'audio' && { transcribed_text: '' }),
  };
}
