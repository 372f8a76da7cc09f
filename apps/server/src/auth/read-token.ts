import type { IncomingHttpHeaders } from 'node:http';

/** The token from `api_access_token`, or from `Authorization: Bearer <token>`. */
export function readToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.api_access_token;
  const direct = Array.isArray(header) ? header[0] : header;
  if (direct?.trim()) return direct.trim();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return match?.[1];
}
