import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

/**
 * A response body sent as an HTML page, for an operation whose response is `text/html`. Its inline style and script
 * carry `nonce`, the only ones the page's `Content-Security-Policy` lets run; nothing else may load but requests back
 * to this server.
 */
export class HtmlPage {
  constructor(
    readonly html: string,
    readonly nonce: string,
  ) {}
}

/** A fresh value for the `nonce` of a page's inline style and script. */
export const pageNonce = (): string => randomBytes(18).toString('base64');

export function sendHtmlPage(res: Response, status: number, page: HtmlPage): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      `script-src 'nonce-${page.nonce}'`,
      `style-src 'nonce-${page.nonce}'`,
      "connect-src 'self'",
      "img-src 'self' data:",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  res.send(page.html);
}
