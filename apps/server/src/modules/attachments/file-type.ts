import type { AttachmentFileType } from '../../db/column-values';

export type { AttachmentFileType };

/** The image formats clients show inline; SVG is not one of them, since it can carry scripts. */
const imageTypes = new Set(['image/jpeg', 'image/jpg', 'image/png', 'image/gif', 'image/bmp', 'image/webp']);

/** The video formats browsers play. */
const videoTypes = new Set(['video/ogg', 'video/mp4', 'video/webm', 'video/quicktime']);

/** The media type without its parameters, lower-cased: `Image/PNG; q=1` → `image/png`. */
export const essenceOf = (contentType: string): string => (contentType.split(';')[0] ?? '').trim().toLowerCase();

/** The kind of file a media type makes an attachment: `image/png` → `image`, `audio/ogg` → `audio`, else `file`. */
export function fileTypeOf(contentType: string): AttachmentFileType {
  const essence = essenceOf(contentType);
  if (imageTypes.has(essence)) return 'image';
  if (videoTypes.has(essence)) return 'video';
  if (essence.startsWith('audio/')) return 'audio';
  return 'file';
}
