import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { localDiskStorage } from './local-disk-storage';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'inquirly-storage-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const info = { contentType: 'text/plain', fileName: 'notes.txt' };

/** Every file under the folder, at any depth. */
const filesUnder = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);

test('a kept file opens with its bytes, its size and the info it was kept with', async () => {
  const storage = localDiskStorage(root);
  const { key, size } = await storage.put(Readable.from([Buffer.from('hello '), Buffer.from('world')]), info);
  expect(size).toBe(11);
  const opened = await storage.open(key);
  expect(opened).toMatchObject({ size: 11, contentType: 'text/plain', fileName: 'notes.txt' });
  expect(await text(opened?.content as Readable)).toBe('hello world');
});

test('each file gets its own random key of 32 URL-safe characters', async () => {
  const storage = localDiskStorage(root);
  const keys = await Promise.all(
    Array.from({ length: 5 }, async () => (await storage.put(Readable.from(['same']), info)).key),
  );
  expect(new Set(keys).size).toBe(5);
  for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
});

test('a removed file no longer opens, and removing it again is no error', async () => {
  const storage = localDiskStorage(root);
  const { key } = await storage.put(Readable.from(['bye']), info);
  await storage.remove(key);
  await storage.remove(key);
  expect(await storage.open(key)).toBeUndefined();
  expect(filesUnder(root)).toEqual([]);
});

test('a key under which nothing is kept opens nothing, and no key reaches outside the folder', async () => {
  const storage = localDiskStorage(root);
  expect(await storage.open('A'.repeat(32))).toBeUndefined();
  for (const key of ['../../../../etc/passwd', `..${path.sep}${'a'.repeat(30)}`, '', '.'.repeat(32)]) {
    expect(await storage.open(key)).toBeUndefined();
    await storage.remove(key);
  }
});

test('content that fails while it is read leaves nothing behind', async () => {
  const storage = localDiskStorage(root);
  const failing = new Readable({
    read() {
      this.push('part of it');
      this.destroy(new Error('the upload broke off'));
    },
  });
  await expect(storage.put(failing, info)).rejects.toThrow('the upload broke off');
  expect(filesUnder(root)).toEqual([]);
});
