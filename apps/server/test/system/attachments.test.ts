import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createApp } from '../../src/app';
import { createContainer } from '../../src/container';
import { connectDatabase } from '../../src/db/connection';
import type { UploadedFile } from '../../src/http/uploaded-file';
import { attachmentJson } from '../../src/modules/attachments/attachment-mapper';
import type { AttachmentRow, NewAttachmentRow } from '../../src/modules/attachments/attachment-row';
import type { AttachmentStorage } from '../../src/modules/attachments/attachment-storage';
import { localDiskStorage } from '../../src/modules/attachments/local-disk-storage';
import { type ManualClock, manualClock, startTestServer, type TestServer } from '../../src/testing';

/** A PNG's first bytes, enough to tell its size: 640 by 480. */
const png = Buffer.concat([
  Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
  Buffer.from([0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.from([0, 0, 2, 128, 0, 0, 1, 224, 8, 6, 0, 0, 0]),
  Buffer.alloc(64, 7),
]);

const uploaded = (fileName: string, contentType: string, content: Buffer | string): UploadedFile => {
  const bytes = Buffer.from(content);
  return { field: 'attachments', fileName, contentType, size: bytes.length, open: () => Readable.from([bytes]) };
};

const owner = { accountId: 7, messageId: 42 };
const ttl = 3600;

let clock: ManualClock;
let storageFolder: string;
let server: TestServer;
beforeAll(async () => {
  clock = manualClock();
  storageFolder = mkdtempSync(path.join(os.tmpdir(), 'inquirly-attachments-'));
  server = await startTestServer({ clock, storage: localDiskStorage(storageFolder) });
});
afterAll(async () => {
  await server.close();
  rmSync(storageFolder, { recursive: true, force: true });
});

/** The rows `store` gives, as the messages' table would give them back, with ids. */
async function stored(...files: UploadedFile[]): Promise<AttachmentRow[]> {
  const rows = await server.services.attachments.store(files, owner);
  return rows.map((row: NewAttachmentRow, index) => ({ ...row, id: index + 1 }));
}

async function linksOf(row: AttachmentRow, origin = server.url) {
  return (await server.services.attachments.links(origin))(row);
}

const download = (url: string) => fetch(url);

async function expectRefusal(url: string, status: number, code: string) {
  const response = await download(url);
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await response.json()).toMatchObject({ code });
}

describe('storing files', () => {
  test('gives a row for each file: its kind, name, extension, media type, size and an image size', async () => {
    const [image, audio, document] = await stored(
      uploaded('photo.png', 'image/png', png),
      uploaded('voice.ogg', 'audio/ogg', 'OggS voice'),
      uploaded('README', 'text/plain', 'read me'),
    );
    expect(image).toEqual({
      id: 1,
      message_id: 42,
      account_id: 7,
      file_type: 'image',
      storage_key: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      file_name: 'photo.png',
      content_type: 'image/png',
      extension: 'png',
      file_size: png.length,
      width: 640,
      height: 480,
      created_at: clock.nowSeconds(),
    });
    expect(audio).toMatchObject({ file_type: 'audio', extension: 'ogg', width: null, height: null, file_size: 10 });
    expect(document).toMatchObject({ file_type: 'file', extension: null, file_size: 7 });
  });

  test('an image whose header tells no size has none', async () => {
    const [row] = await stored(uploaded('broken.png', 'image/png', 'not a png'));
    expect(row).toMatchObject({ file_type: 'image', width: null, height: null });
  });

  test('a file that cannot be kept removes those kept before it', async () => {
    const removed: string[] = [];
    let puts = 0;
    const failingSecond: AttachmentStorage = {
      put: async (content) => {
        puts += 1;
        if (puts === 2) throw new Error('the disk is full');
        return { key: `key-${puts}`, size: Buffer.concat(await content.toArray()).length };
      },
      open: async () => undefined,
      remove: async (key) => {
        removed.push(key);
      },
    };
    const container = createContainer({ db: server.db, storage: failingSecond });
    const files = [uploaded('a.txt', 'text/plain', 'a'), uploaded('b.txt', 'text/plain', 'b')];
    await expect(container.services.attachments.store(files, owner)).rejects.toThrow('the disk is full');
    expect(removed).toEqual(['key-1']);
  });
});

describe('an attachment as messages show it', () => {
  test('an image has its size and a thumbnail link', async () => {
    const [row] = (await stored(uploaded('photo.png', 'image/png', png))) as [AttachmentRow];
    const links = await linksOf(row, 'https://desk.example.com');
    expect(attachmentJson(row, links)).toEqual({
      id: 1,
      message_id: 42,
      file_type: 'image',
      account_id: 7,
      extension: 'png',
      content_type: 'image/png',
      data_url: expect.stringMatching(
        /^https:\/\/desk\.example\.com\/attachments\/[\w-]{32}\.data\.\d+\.[\w-]{43}\/photo\.png$/,
      ),
      thumb_url: expect.stringMatching(
        /^https:\/\/desk\.example\.com\/attachments\/[\w-]{32}\.thumb\.\d+\.[\w-]{43}\/photo\.png$/,
      ),
      file_size: png.length,
      width: 640,
      height: 480,
    });
  });

  test('a file has no thumbnail, and audio also a transcription, empty', async () => {
    const [file, audio] = (await stored(
      uploaded('notes 1.pdf', 'application/pdf', '%PDF'),
      uploaded('voice.mp3', 'audio/mpeg', 'ID3'),
    )) as [AttachmentRow, AttachmentRow];
    const fileJson = attachmentJson(file, await linksOf(file));
    expect(fileJson).toMatchObject({ thumb_url: '', width: null, height: null });
    expect(fileJson.data_url).toMatch(/\/notes%201\.pdf$/);
    expect(fileJson).not.toHaveProperty('transcribed_text');
    expect(attachmentJson(audio, await linksOf(audio))).toMatchObject({ transcribed_text: '', thumb_url: '' });
  });
});

describe('a link', () => {
  test('downloads the file with its media type, its name, and caching until the link expires', async () => {
    const [row] = (await stored(uploaded('Résumé "final".pdf', 'application/pdf', '%PDF-1.7 body'))) as [AttachmentRow];
    const response = await download((await linksOf(row)).data_url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('%PDF-1.7 body');
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': '13',
      'content-disposition': `attachment; filename="R_sum_ _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf`,
      'cache-control': expect.stringMatching(/^private, max-age=\d+$/),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    const maxAge = Number(/max-age=(\d+)/.exec(response.headers.get('cache-control') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(ttl);
    expect(maxAge).toBeLessThanOrEqual(ttl + ttl / 4);
  });

  test('shows an image in place, and its thumbnail link serves the image itself', async () => {
    const [row] = (await stored(uploaded('photo.png', 'image/png', png))) as [AttachmentRow];
    const links = await linksOf(row);
    for (const url of [links.data_url, links.thumb_url]) {
      const response = await download(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('content-disposition')).toMatch(/^inline; /);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(png);
    }
  });

  test('is the same when made again within a quarter of its lifetime, so that clients cache one URL', async () => {
    const [row] = (await stored(uploaded('a.txt', 'text/plain', 'a'))) as [AttachmentRow];
    const first = await linksOf(row);
    clock.advance(60);
    expect(await linksOf(row)).toEqual(first);
    clock.advance(ttl / 4);
    expect((await linksOf(row)).data_url).not.toBe(first.data_url);
  });

  test('opens its file for its lifetime and no longer: then it is a 403 ATTACHMENT_LINK_EXPIRED', async () => {
    const [row] = (await stored(uploaded('a.txt', 'text/plain', 'a'))) as [AttachmentRow];
    const url = (await linksOf(row)).data_url;
    const expiresAt = Number(/\.data\.(\d+)\./.exec(url)?.[1]);
    clock.advance(expiresAt - clock.nowSeconds() - 1);
    expect((await download(url)).status).toBe(200);
    clock.advance(1);
    await expectRefusal(url, 403, 'ATTACHMENT_LINK_EXPIRED');
  });

  test('changed in any part is a 403 ATTACHMENT_LINK_INVALID', async () => {
    const [row] = (await stored(uploaded('photo.png', 'image/png', png))) as [AttachmentRow];
    const url = (await linksOf(row)).data_url;
    const [, prefix, key, expiry, signature, name] =
      /^(.*\/attachments\/)([\w-]{32})\.data\.(\d+)\.([\w-]{43})\/(.*)$/.exec(url) as RegExpExecArray as string[] as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
    const flipped = (text: string) => `${text.slice(0, -1)}${text.endsWith('A') ? 'B' : 'A'}`;
    const tampered = [
      `${key}.data.${expiry}.${flipped(signature)}`,
      `${key}.thumb.${expiry}.${signature}`,
      `${key}.data.${Number(expiry) + 3600}.${signature}`,
      `${flipped(key)}.data.${expiry}.${signature}`,
      `${key}.data.${expiry}`,
      'junk',
    ];
    for (const signedKey of tampered)
      await expectRefusal(`${prefix}${signedKey}/${name}`, 403, 'ATTACHMENT_LINK_INVALID');
    await expectRefusal(`${prefix}${'x'.repeat(300)}/${name}`, 422, 'VALIDATION_FAILED');
  });

  test('names the file after what was stored, whatever its last segment says', async () => {
    const [row] = (await stored(uploaded('photo.png', 'image/png', png))) as [AttachmentRow];
    const url = (await linksOf(row)).data_url.replace(/photo\.png$/, 'other.exe');
    const response = await download(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('filename="photo.png"');
  });

  test('to a file no longer kept is a 404', async () => {
    const [row] = (await stored(uploaded('a.txt', 'text/plain', 'a'))) as [AttachmentRow];
    const url = (await linksOf(row)).data_url;
    await server.services.attachments.removeFiles([row]);
    await expectRefusal(url, 404, 'RESOURCE_NOT_FOUND');
  });
});

describe('the signing secret', () => {
  /** A second application on the same database and storage, as another process would run. */
  async function secondProcess(options: { secretKeyBase?: string } = {}) {
    const db = connectDatabase(server.databaseUrl);
    const container = createContainer({
      db,
      clock,
      storage: localDiskStorage(storageFolder),
      ...options,
    });
    const app = createApp({ container, validateResponses: true });
    const listening = await new Promise<Server>((resolve) => {
      const started = app.listen(0, '127.0.0.1', () => resolve(started));
    });
    return {
      container,
      url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`,
      close: async () => {
        listening.closeAllConnections();
        await new Promise<void>((resolve) => listening.close(() => resolve()));
        await db.destroy();
      },
    };
  }

  test('is generated once and shared through the database: a link made by one process opens on another', async () => {
    const other = await secondProcess();
    try {
      const [row] = (await stored(uploaded('a.txt', 'text/plain', 'shared'))) as [AttachmentRow];
      const [mine, theirs] = await Promise.all([
        linksOf(row),
        other.container.services.attachments.links(server.url).then((links) => links(row)),
      ]);
      expect(theirs).toEqual(mine);
      const response = await download(mine.data_url.replace(server.url, other.url));
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('shared');
      expect(await server.db('server_secrets').count({ count: '*' })).toEqual([{ count: 1 }]);
    } finally {
      await other.close();
    }
  });

  test('is SECRET_KEY_BASE when set: links of a process with another secret do not open', async () => {
    const other = await secondProcess({ secretKeyBase: 'k'.repeat(64) });
    try {
      const [row] = (await stored(uploaded('a.txt', 'text/plain', 'a'))) as [AttachmentRow];
      const theirs = (await other.container.services.attachments.links(server.url))(row);
      expect(theirs).not.toEqual(await linksOf(row));
      await expectRefusal(theirs.data_url, 403, 'ATTACHMENT_LINK_INVALID');
      expect((await download(theirs.data_url.replace(server.url, other.url))).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
