import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '@inquirly/server/testing';
import { openBrowser } from '@inquirly/server/testing/browser';
import { build } from 'esbuild';
import { consumerSources } from '../../../scripts/lib/consumer-sources';
import {
  compileConsumer,
  createConsumerProject,
  packPublishedPackages,
  runCompiledConsumer,
} from '../../../scripts/lib/packed-consumer';
import { accountWithAdministrator } from './account-with-administrator';

/**
 * The client as a team outside this repository gets it: packed, installed from its tarball with npm into a project of
 * its own, compiled from an ES module and a CommonJS module, and bundled into a page that a browser opens on another
 * origin than the server's, which the server allows through CORS.
 */
const workFolder = mkdtempSync(path.join(tmpdir(), 'inquirly-packed-client-'));
const consumer = path.join(workFolder, 'consumer');
let pageServer: Server;
let pageOrigin: string;
let otherPageServer: Server;
let otherPageOrigin: string;
let server: TestServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;

/** The page's script: it works through the installed package only, and writes what it found into the page. */
const pageScript = `import { createInquirlyClient, eachContact, InquirlyApiError, unwrap } from '@inquirly/client';

async function run(): Promise<unknown> {
  const settings = new URLSearchParams(location.search);
  const desk = createInquirlyClient({ baseUrl: settings.get('server') ?? '', token: settings.get('token') ?? undefined });
  const profile = await unwrap(desk.GET('/api/v1/profile'));
  const accountId = settings.get('account') === null ? 0 : Number(settings.get('account'));
  const created = await unwrap(
    desk.POST('/api/v1/accounts/{account_id}/contacts', {
      params: { path: { account_id: accountId } },
      body: { name: 'Bea Browser', email: 'bea@browser.example' },
    }),
  );
  const names: string[] = [];
  for await (const contact of eachContact(desk, { accountId, query: { sort: 'name' } })) names.push(contact.name);
  let refusal = '';
  try {
    await unwrap(desk.GET('/api/v1/accounts/{account_id}/contacts/{id}', { params: { path: { account_id: accountId, id: 2_000_000 } } }));
  } catch (error) {
    if (error instanceof InquirlyApiError) refusal = \`\${error.status} \${error.code ?? ''}\`;
  }
  return { profile: profile.email, created: created.payload.contact.email, names, refusal };
}

const output = document.getElementById('result');
run().then(
  (found) => { if (output) output.textContent = JSON.stringify(found); },
  (error: unknown) => { if (output) output.textContent = \`failed: \${String(error)}\`; },
);
`;

/** Serves the page and its script on a port of its own: an origin of its own. */
async function servePage(html: string, script: string): Promise<[Server, string]> {
  const pages = createServer((request, response) => {
    const [type, body] = request.url === '/page.js' ? ['text/javascript', script] : ['text/html', html];
    response.writeHead(200, { 'Content-Type': `${type}; charset=utf-8` }).end(body);
  });
  await new Promise<void>((listening) => pages.listen(0, '127.0.0.1', listening));
  return [pages, `http://127.0.0.1:${(pages.address() as AddressInfo).port}`];
}

beforeAll(async () => {
  const tarballs = packPublishedPackages(path.join(workFolder, 'tarballs'));
  createConsumerProject(consumer, tarballs, { withReact: false });
  for (const [file, text] of Object.entries(consumerSources)) writeFileSync(path.join(consumer, file), text);
  writeFileSync(path.join(consumer, 'page.ts'), pageScript);
  writeFileSync(
    path.join(consumer, 'tsconfig.page.json'),
    JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true }, files: ['page.ts'] }),
  );
  const bundle = await build({
    entryPoints: [path.join(consumer, 'page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const html =
    '<!doctype html><title>Desk</title><link rel="icon" href="data:,"><pre id="result"></pre><script type="module" src="/page.js"></script>';
  [pageServer, pageOrigin] = await servePage(html, script);
  [otherPageServer, otherPageOrigin] = await servePage(html, script);
  server = await startTestServer({ app: { corsOrigins: [pageOrigin] } });
  browser = await openBrowser();
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const pages of [pageServer, otherPageServer]) {
    pages?.closeAllConnections();
    await new Promise((closed) => pages?.close(closed));
  }
  rmSync(workFolder, { recursive: true, force: true });
});

test('the installed package typechecks from an ES module and a CommonJS module, and loads in both', () => {
  compileConsumer(consumer, 'tsconfig.json');
  compileConsumer(consumer, 'tsconfig.page.json');
  expect(runCompiledConsumer(consumer)).toEqual({ esm: 'esm function 404', cjs: 'cjs function name' });
  const installed = JSON.parse(readFileSync(path.join(consumer, 'node_modules/@inquirly/client/package.json'), 'utf8'));
  const apiTypes = JSON.parse(readFileSync(path.join(__dirname, '../../api-types/package.json'), 'utf8'));
  expect(installed.dependencies['@inquirly/api-types']).toBe(apiTypes.version);
});

/** Opens the page on `origin` as a new account's administrator, and answers what it wrote once it was done. */
async function deskPageOutcome(origin: string, account: string, adminEmail: string): Promise<string> {
  const { accountId, adminToken } = await accountWithAdministrator(server, account, adminEmail);
  const page = await browser.newPage();
  const settings = new URLSearchParams({ server: server.url, token: adminToken, account: String(accountId) });
  await page.goto(`${origin}/?${settings}`);
  const result = page.locator('#result');
  await result.filter({ hasText: /\S/ }).waitFor({ timeout: 15_000 });
  const outcome = (await result.textContent()) ?? '';
  await page.close();
  return outcome;
}

test('a page on another origin calls the server through the installed client, with CORS allowed', async () => {
  const outcome = await deskPageOutcome(pageOrigin, 'Packed', 'ada@packed.example');
  expect(JSON.parse(outcome)).toEqual({
    profile: 'ada@packed.example',
    created: 'bea@browser.example',
    names: ['Bea Browser'],
    refusal: '404 RESOURCE_NOT_FOUND',
  });
});

test('the same page on an origin the server does not allow is refused by the browser', async () => {
  const outcome = await deskPageOutcome(otherPageOrigin, 'Elsewhere', 'ada@elsewhere.example');
  expect(outcome).toBe('failed: TypeError: Failed to fetch');
});
