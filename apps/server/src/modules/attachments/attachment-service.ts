import path from 'node:path';
import { pipeline, Transform } from 'node:stream';
import type { Clock } from '../../config/clock';
import { appError } from '../../errors/app-error';
import type { UploadedFile } from '../../http/uploaded-file';
import type { LinkSigner } from './attachment-links';
import type { AttachmentLinks } from './attachment-mapper';
import type { AttachmentRow, NewAttachmentRow } from './attachment-row';
import type { AttachmentStorage, OpenedFile } from './attachment-storage';
import { fileTypeOf } from './file-type';
import { imageDimensions, imageHeaderBytes } from './image-dimensions';

/** The message the files are attached to. */
export interface AttachmentOwner {
  accountId: number;
  messageId: number;
}

/** A file a valid link opens, with how long clients may keep it. */
export interface AttachmentDownload extends OpenedFile {
  /** Whether clients show the file in place (images, video, audio) or save it (anything else, which could run). */
  disposition: 'inline' | 'attachment';
  maxAgeSeconds: number;
}

/** The extension of a file name, without its dot: `photo.PNG` → `PNG`; null for `README` or `.profile`. */
const extensionOf = (fileName: string): string | null => path.extname(fileName).slice(1) || null;

/**
 * A last path segment that names the file in a link: a name URLs would read as `.` or `..` becomes `file`, which
 * changes nothing served, since the server names the file after what it stored.
 */
const linkSegment = (fileName: string) => encodeURIComponent(fileName === '.' || fileName === '..' ? 'file' : fileName);

/** Passes its input on, keeping a copy of its first `limit` bytes. */
function headKeeper(limit: number) {
  const chunks: Buffer[] = [];
  let kept = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (kept < limit) {
        chunks.push(chunk.subarray(0, limit - kept));
        kept += Math.min(chunk.length, limit - kept);
      }
      callback(null, chunk);
    },
  });
  return { stream, head: () => Buffer.concat(chunks) };
}

export interface AttachmentSettings {
  storage: AttachmentStorage;
  links: LinkSigner;
  clock: Clock;
}

/**
 * Messages' files: kept in the storage when a message is created, shown through signed links that expire, served
 * through those links. The `attachments` table belongs to messages; this service gives the rows to insert into it.
 */
export function attachmentService({ storage, links, clock }: AttachmentSettings) {
  /** Keeps one file, reading the size of an image from its first bytes on the way. */
  async function keep(file: UploadedFile, owner: AttachmentOwner): Promise<NewAttachmentRow> {
    const fileType = fileTypeOf(file.contentType);
    const head = headKeeper(fileType === 'image' ? imageHeaderBytes : 0);
    // A read error of the upload reaches the storage as an error of the stream it reads.
    const content = pipeline(file.open(), head.stream, () => undefined);
    const { key, size } = await storage.put(content, {
      contentType: file.contentType,
      fileName: file.fileName,
    });
    const dimensions = fileType === 'image' ? imageDimensions(head.head()) : undefined;
    return {
      message_id: owner.messageId,
      account_id: owner.accountId,
      file_type: fileType,
      storage_key: key,
      file_name: file.fileName,
      content_type: file.contentType,
      extension: extensionOf(file.fileName),
      file_size: size,
      width: dimensions?.width ?? null,
      height: dimensions?.height ?? null,
      created_at: clock.nowSeconds(),
    };
  }

  async function removeFiles(rows: readonly Pick<AttachmentRow, 'storage_key'>[]): Promise<void> {
    await Promise.all(rows.map((row) => storage.remove(row.storage_key)));
  }

  return {
    /**
     * Keeps the files in the storage and gives the rows to insert for them, in the order of the files. When one
     * cannot be kept, those kept before are removed and the error thrown. Once the rows are inserted the files are
     * theirs: should the transaction that inserts them fail, pass the rows to `removeFiles`.
     */
    async store(files: readonly UploadedFile[], owner: AttachmentOwner): Promise<NewAttachmentRow[]> {
      const rows: NewAttachmentRow[] = [];
      try {
        for (const file of files) rows.push(await keep(file, owner));
      } catch (error) {
        await removeFiles(rows);
        throw error;
      }
      return rows;
    },

    /** Removes the files of the rows from the storage: after their message is deleted, or its insert failed. */
    removeFiles,

    /**
     * The links of attachments, for one response: absolute URLs under `origin` (the handler context's), signed to
     * open their file until they expire. Thumbnails are linked for images only.
     */
    async links(origin: string): Promise<(row: AttachmentRow) => AttachmentLinks> {
      const sign = await links.signing();
      const url = (row: AttachmentRow, variant: 'data' | 'thumb') =>
        `${origin}/attachments/${sign(row.storage_key, variant)}/${linkSegment(row.file_name)}`;
      return (row) => ({
        data_url: url(row, 'data'),
        thumb_url: row.file_type === 'image' ? url(row, 'thumb') : '',
      });
    },

    /**
     * The file a signed key opens: a 403 when the key is not one this server signed or has expired, a 404 when its
     * file is no longer kept. A thumbnail is the image itself.
     */
    async download(signedKey: string): Promise<AttachmentDownload> {
      const target = await links.verify(signedKey);
      const file = await storage.open(target.storageKey);
      if (!file) throw appError('RESOURCE_NOT_FOUND');
      return {
        ...file,
        disposition: fileTypeOf(file.contentType) === 'file' ? 'attachment' : 'inline',
        maxAgeSeconds: Math.max(0, target.expiresAt - clock.nowSeconds()),
      };
    },
  };
}

export type AttachmentService = ReturnType<typeof attachmentService>;
