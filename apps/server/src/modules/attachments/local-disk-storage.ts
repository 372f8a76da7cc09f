import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AttachmentStorage, OpenedFile, StoredFileInfo } from './attachment-storage';

/** 24 random bytes in base64url: 192 bits no one guesses, safe in a file name and a URL. */
const newKey = () => randomBytes(24).toString('base64url');

/** A key as `newKey` draws them; anything else never reaches the file system, so no key can name a path outside. */
const isKey = (key: string) => /^[A-Za-z0-9_-]{32}$/.test(key);

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Keeps files under `root`, each as its bytes and a JSON file of its info, in folders named after the key's first
 * characters (`ab/cd/abcd…`), so that no folder holds more than a few thousand files. A file appears whole or not at
 * all: it is written under a temporary name and renamed once complete, its info written before.
 */
export function localDiskStorage(root: string): AttachmentStorage {
  const fileOf = (key: string) => path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  const infoOf = (key: string) => `${fileOf(key)}.json`;

  return {
    async put(content: Readable, info: StoredFileInfo) {
      const key = newKey();
      const file = fileOf(key);
      const partial = `${file}.partial`;
      await mkdir(path.dirname(file), { recursive: true });
      const sink = createWriteStream(partial, { flags: 'wx' });
      try {
        await pipeline(content, sink);
        await writeFile(infoOf(key), JSON.stringify({ content_type: info.contentType, file_name: info.fileName }), {
          flag: 'wx',
        });
        await rename(partial, file);
      } catch (error) {
        await Promise.all([rm(partial, { force: true }), rm(infoOf(key), { force: true })]);
        throw error;
      }
      return { key, size: sink.bytesWritten };
    },

    async open(key: string): Promise<OpenedFile | undefined> {
      if (!isKey(key)) return undefined;
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(fileOf(key), 'r');
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      try {
        const info = JSON.parse(await readFile(infoOf(key), 'utf8')) as { content_type: string; file_name: string };
        const { size } = await handle.stat();
        return { content: handle.createReadStream(), size, contentType: info.content_type, fileName: info.file_name };
      } catch (error) {
        await handle.close();
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async remove(key: string) {
      if (!isKey(key)) return;
      await rm(fileOf(key), { force: true });
      await rm(infoOf(key), { force: true });
    },
  };
}
