import type { AttachmentRow } from './attachment-row';
import type { AttachmentFileType } from './file-type';

/** The signed links of one attachment, absolute URLs: its file, and its thumbnail (`""` for all but images). */
export interface AttachmentLinks {
  data_url: string;
  thumb_url: string;
}

/** An attachment as messages show it; an audio one also has the text of its transcription, `""` until there is one. */
export interface AttachmentJson extends AttachmentLinks {
  id: number;
  message_id: number;
  file_type: AttachmentFileType;
  account_id: number;
  extension: string | null;
  content_type: string;
  file_size: number;
  width: number | null;
  height: number | null;
  transcribed_text?: string;
}

/** An attachment as messages show it, with links from `AttachmentService.links`. */
export function attachmentJson(row: AttachmentRow, links: AttachmentLinks): AttachmentJson {
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
