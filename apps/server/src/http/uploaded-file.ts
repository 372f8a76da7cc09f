import type { Readable } from 'node:stream';

/** A file a request uploaded in a `multipart/form-data` body, as handlers receive it. */
export interface UploadedFile {
  /** The form field it came in, without a trailing `[]`: `attachments`. */
  field: string;
  /** Its name as the client gave it, without any folder. */
  fileName: string;
  /** The media type the client declared for it, without parameters; `application/octet-stream` when none was valid. */
  contentType: string;
  /** In bytes. */
  size: number;
  /** Reads its bytes. The upload is kept until the request has been answered, then removed. */
  open(): Readable;
}
