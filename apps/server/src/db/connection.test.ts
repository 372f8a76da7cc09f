import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase } from './connection';

let temporaryFolder: string;
beforeEach(() => {
  temporaryFolder = mkdtempSync(path.join(os.tmpdir(), 'inquirly-connection-'));
});
afterEach(() => rmSync(temporaryFolder, { recursive: true, force: true }));

test('an SQLite connection writes ahead and folds its log into the database every 10,000 pages', async () => {
  const db = connectDatabase(`sqlite:${path.join(temporaryFolder, 'settings.sqlite3')}`);
  try {
    const [journal] = await db.raw('pragma journal_mode');
    const [checkpoint] = await db.raw('pragma wal_autocheckpoint');
    expect(journal).toEqual({ journal_mode: 'wal' });
    expect(checkpoint).toEqual({ wal_autocheckpoint: 10000 });
  } finally {
    await db.destroy();
  }
});
