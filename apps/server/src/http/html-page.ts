import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

/**
 * What a page may run and how it may be kept: the script and style sources its `Content-Security-Policy` allows
 * (nothing else may load but requests back to this server), its `Cache-Control`, and for a page that does not change,
 * the tag a browser revalidates its copy with (an `If-None-Match` that matches is answered 304).
 */
export interface PagePolicy {
  scriptSources: readonly string[];
  styleSources: readonly string[];
  cacheControl: string;
  entityTag?: string;
}

/**
 * A response body sent as an HTML page, for an operation whose response is `text/html`. A large page that does not
 * change may come compressed ahead, sent to browsers that accept gzip.
 */
export class HtmlPage {
  constructor(
    readonly html: string,
    readonly policy: PagePolicy,
    readonly gzipped?: Buffer,
  ) {}
}

/** A fresh value for the `nonce` of a page's inline style and script. */
export const pageNonce = (): string => randomBytes(18).toString('base64');

/** The policy of a page rendered per request: only its inline style and script carrying `nonce` apply. */
export const noncePolicy = (nonce: string): PagePolicy => ({
  scriptSources: [`'nonce-${nonce}'`],
  styleSources: [`'nonce-${nonce}'`],
  cacheControl: 'no-store',
});

export function sendHtmlPage(res: Response, status: number, page: HtmlPage): void {
  const { scriptSources, styleSources, cacheControl, entityTag } = page.policy;
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      `script-src ${scriptSources.join(' ')}`,
      `style-src ${styleSources.join(' ')}`,
      "connect-src 'self'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', cacheControl);
  if (!page.gzipped) {
    res.send(page.html);
    return;
  }
  res.setHeader('Vary', 'Accept-Encoding');
  // Each encoding is a representation of its own, with a tag of its own.
  const gzipped = res.req.acceptsEncodings('gzip', 'identity') === 'gzip';
  if (entityTag) res.setHeader('ETag', `"${entityTag}${gzipped ? '.gz' : ''}"`);
  if (gzipped) {
    res.setHeader('Content-Encoding', 'gzip');
    res.send(page.gzipped);
  } else {
    res.send(page.html);
  }
}
