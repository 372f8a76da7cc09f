import type { Schemas } from '../../http/schemas';
import type { Presentation } from './conversation-service';
import type { AttachmentRecord } from './message-surroundings';

/** How answers made for a request on `origin` show attachments. */
export function presentationFor(origin: string): Presentation {
  return {
    presentAttachment: (attachment: AttachmentRecord): Schemas['Attachment'] => ({
      id: attachment.id,
      message_id: attachment.message_id,
      file_type: attachment.file_type,
      account_id: attachment.account_id,
      extension: attachment.extension,
      content_type: attachment.content_type,
      data_url: `${origin}/attachments/${attachment.storage_key}`,
      thumb_url: '',
      file_size: attachment.file_size,
      width: attachment.width,
      height: attachment.height,
    }),
  };
}
