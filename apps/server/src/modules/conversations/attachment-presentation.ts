import { attachmentJson } from '../attachments/attachment-mapper';
import type { AttachmentService } from '../attachments/attachment-service';
import type { Presentation } from './conversation-service';

/** How answers made for a request on `origin` show attachments: with signed links on that origin. */
export function attachmentPresentation(attachments: AttachmentService) {
  return async (origin: string): Promise<Presentation> => {
    const linksOf = await attachments.links(origin);
    return { presentAttachment: (attachment) => attachmentJson(attachment, linksOf(attachment)) };
  };
}
