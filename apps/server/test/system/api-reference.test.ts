import { get, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../src/testing';
import { openBrowser } from '../../src/testing/browser';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer();
  browser = await openBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server.close();
});

test('GET /docs is one HTML page whose inline scripts alone may run, and which others may cache', async () => {
  const response = await fetch(`${server.url}/docs`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('public, max-age=300');
  const policy = response.headers.get('content-security-policy') ?? '';
  const scriptSources = /script-src ([^;]*)/.exec(policy)?.[1]?.split(' ') ?? [];
  expect(scriptSources.length).toBeGreaterThan(0);
  for (const source of scriptSources) expect(source).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
  expect(policy).toContain("default-src 'none'");
  const html = await response.text();
  expect(html).toContain('<title>Inquirly API reference</title>');
  expect(html).not.toMatch(/<(script|link|img|iframe)\b[^>]*\b(src|href)="https?:/);
});

/** The page's bytes as sent: fetch would decompress them. */
function getDocs(
  acceptEncoding: string,
  headers: Record<string, string> = {},
): Promise<{ status: number | undefined; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${server.url}/docs`, { headers: { 'Accept-Encoding': acceptEncoding, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

test('the page goes compressed to those who accept gzip, and as it is to the others', async () => {
  const compressed = await getDocs('gzip, br');
  expect(compressed.headers['content-encoding']).toBe('gzip');
  expect(compressed.headers.vary).toContain('Accept-Encoding');
  const plain = await getDocs('identity');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(gunzipSync(compressed.body).toString('utf8')).toBe(plain.body.toString('utf8'));
  expect(compressed.body.byteLength).toBeLessThan(plain.body.byteLength / 3);
});

test('a browser revalidating its copy with its tag is answered 304, for each encoding', async () => {
  for (const encoding of ['gzip', 'identity']) {
    const first = await getDocs(encoding);
    const tag = String(first.headers.etag);
    expect(tag).toMatch(/^"[\w-]+(\.gz)?"$/);
    const again = await getDocs(encoding, { 'If-None-Match': tag });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
  }
  const [gzipTag, plainTag] = [(await getDocs('gzip')).headers.etag, (await getDocs('identity')).headers.etag];
  expect(gzipTag).not.toBe(plainTag);
});

test('the page renders offline in Chromium: an operation and its schema are shown, nothing is fetched elsewhere', async () => {
  const context = await browser.newContext();
  // Any address but this server's fails, as it would on a machine with no network.
  const elsewhere: string[] = [];
  await context.route(
    (url) => url.origin !== new URL(server.url).origin,
    (route) => {
      elsewhere.push(route.request().url());
      return route.abort('internetdisconnected');
    },
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  await page.goto(`${server.url}/docs`, { waitUntil: 'networkidle' });
  await expect(page.title()).resolves.toBe('Inquirly API reference');
  await page.getByText('Contacts', { exact: true }).first().click();
  await page.getByText('Create a contact', { exact: true }).first().click();
  await page.waitForURL(/#\/contacts\/createcontact$/);
  // The operation: its title, method and path, then its request body's schema with the fields' descriptions.
  const visible = { state: 'visible', timeout: 10_000 } as const;
  const operation = page.locator('[id$="createcontact"]').first();
  await operation.waitFor(visible);
  await operation.getByText('Create a contact', { exact: true }).first().waitFor(visible);
  await operation.getByText('POST', { exact: true }).first().waitFor(visible);
  await operation.getByText('/api/v1/accounts/{account_id}/contacts', { exact: true }).first().waitFor(visible);
  await operation.getByText('phone_number', { exact: true }).first().waitFor(visible);
  await operation.getByText('custom_attributes', { exact: true }).first().waitFor(visible);

  expect(elsewhere).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
}, 60_000);
