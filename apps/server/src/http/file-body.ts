import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';

/**
 * A response body sent as a file rather than JSON, for an operation whose response has a media type other than
 * JSON: its bytes are streamed as they are read, never held whole.
 */
export class FileBody {
  constructor(
    readonly file: {
      content: Readable;
      contentType: string;
      /** In bytes. */
      size: number;
      fileName: string;
      /** Whether clients show the file in place or save it. */
      disposition: 'inline' | 'attachment';
      /** How long clients may keep it, in seconds. */
      maxAgeSeconds: number;
    },
  ) {}
}

/** `Content-Disposition` with the name as ASCII for old clients and as UTF-8 for the others (RFC 6266). */
function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Streams a file as the response; a file whose reading fails midway ends the connection, its headers being sent. */
export async function sendFileBody(res: Response, status: number, { file }: FileBody): Promise<void> {
  res.status(status);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.size));
  res.setHeader('Content-Disposition', contentDisposition(file.disposition, file.fileName));
  res.setHeader('Cache-Control', `private, max-age=${file.maxAgeSeconds}`);
  // Uploaded content is never run as a page of this origin, whatever its type says or a browser would sniff.
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  try {
    await pipeline(file.content, res);
  } catch {
    // The client went away, or the file could not be read to its end: pipeline has closed both.
  }
}
