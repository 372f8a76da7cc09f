import type { Readable } from 'node:stream';

/** What the storage keeps beside a file's bytes, to serve it as it was uploaded. */
export interface StoredFileInfo {
  /** The media type to serve the file as. */
  contentType: string;
  /** The name to offer the file under. */
  fileName: string;
}

/** A stored file, opened: its bytes are read from `content`, which the reader must consume or destroy. */
export interface OpenedFile extends StoredFileInfo {
  content: Readable;
  /** In bytes. */
  size: number;
}

/**
 * Where attachments' bytes are kept, each under a key the storage draws at random, so that no one who lacks a signed
 * link can name a file: the local disk by default (`localDiskStorage`).
 */
export interface AttachmentStorage {
  /** Keeps the content under a new key; gives the key and the number of bytes kept. */
  put(content: Readable, info: StoredFileInfo): Promise<{ key: string; size: number }>;
  /** The file kept under the key, opened for reading; undefined when there is none. */
  open(key: string): Promise<OpenedFile | undefined>;
  /** Removes the file kept under the key; a key under which nothing is kept is no error. */
  remove(key: string): Promise<void>;
}
