import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { HtmlPage } from '../../http/html-page';

/** Where the build writes the page: `dist/reference/index.html` of the server's package, from `src/` and `dist/` alike. */
export const referencePageFile = path.resolve(__dirname, '../../../dist/reference/index.html');
/** The same page, gzipped once by the build: it weighs about 3 MB, a quarter of that gzipped. */
const gzippedPageFile = `${referencePageFile}.gz`;

const documentFile = require.resolve('@inquirly/api-types/openapi.json');

/**
 * The renderer's attribution shows its logo from its CDN; a drawing of the same words keeps the credit on a page that
 * loads nothing from elsewhere.
 */
const attributionLogo = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#0044d4">Redocly</text></svg>',
)}`;
const attributionLogoAddress = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg/g;

/**
 * Renders the bundled OpenAPI document into one self-contained HTML page with Redocly's renderer: its scripts are
 * inlined rather than fetched from a CDN, telemetry is off, the attribution's logo is drawn in place and the icon is
 * empty, so the page makes no request to any other host, nor one for `/favicon.ico`. The page and its gzipped copy are
 * written beside and then moved into place, so that a server reading them never sees half of one.
 */
export function buildReferencePage(): void {
  mkdirSync(path.dirname(referencePageFile), { recursive: true });
  const partFile = `${referencePageFile}.${process.pid}.part`;
  const gzippedPartFile = `${gzippedPageFile}.${process.pid}.part`;
  try {
    execFileSync(
      process.execPath,
      [
        require.resolve('@redocly/cli/bin/cli.js'),
        'build-docs',
        documentFile,
        '--inlineBundle',
        '--title=Inquirly API reference',
        '--lint-config=off',
        `--output=${partFile}`,
      ],
      { cwd: path.dirname(referencePageFile), env: { ...process.env, REDOCLY_TELEMETRY: 'off' }, stdio: 'pipe' },
    );
    const html = readFileSync(partFile, 'utf8')
      .replace(attributionLogoAddress, attributionLogo)
      .replace('</title>', '</title>\n  <link rel="icon" href="data:,">');
    writeFileSync(partFile, html);
    writeFileSync(gzippedPartFile, gzipSync(html, { level: 9 }));
    renameSync(gzippedPartFile, gzippedPageFile);
    renameSync(partFile, referencePageFile);
  } finally {
    rmSync(partFile, { force: true });
    rmSync(gzippedPartFile, { force: true });
  }
}

/** Builds the page unless one built from the current document, by the current renderer, is already there. */
export function ensureReferencePage(): void {
  const builtAt = existsSync(gzippedPageFile) ? statSync(referencePageFile, { throwIfNoEntry: false })?.mtimeMs : 0;
  const sources = [documentFile, __filename, require.resolve('@redocly/cli/package.json')];
  if (!builtAt || sources.some((source) => statSync(source).mtimeMs > builtAt)) buildReferencePage();
}

let cached: HtmlPage | undefined;

/**
 * The built page, read once; undefined when the server runs from its sources and it was never built. Its inline
 * scripts are allowed by their hashes. Its styles are allowed inline because the renderer adds style elements as the
 * reader expands sections. The page is the same for everyone, so it may be cached, and it is tagged once, rather than
 * hashed anew on each answer.
 */
export function referencePage(): HtmlPage | undefined {
  if (cached) return cached;
  if (!existsSync(referencePageFile) || !existsSync(gzippedPageFile)) return undefined;
  const html = readFileSync(referencePageFile, 'utf8');
  const hashOf = (text: string) => createHash('sha256').update(text).digest('base64');
  const scriptHashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, script]) => `'sha256-${hashOf(script ?? '')}'`,
  );
  cached = new HtmlPage(
    html,
    {
      scriptSources: scriptHashes,
      styleSources: ["'unsafe-inline'"],
      cacheControl: 'public, max-age=300',
      entityTag: hashOf(html).slice(0, 27).replace(/[+/]/g, '_'),
    },
    readFileSync(gzippedPageFile),
  );
  return cached;
}
