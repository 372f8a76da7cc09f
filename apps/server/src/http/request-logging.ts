import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** Query parameters that carry a secret: `api_access_token`, `token`, `sso_auth_token`, a password or an API key. */
const secretParameter = /token|secret|password|api_?key/i;

const redacted = '[Redacted]';

/** The URL with the value of every secret query parameter replaced, the rest as sent. */
function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=');
      if (separator === -1) return pair;
      const name = pair.slice(0, separator);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape is logged as sent; the name is still checked undecoded.
      }
      return secretParameter.test(decoded) ? `${name}=${redacted}` : pair;
    })
    .join('&');
  return `${url.slice(0, start + 1)}${query}`;
}

function redactQuery(query: unknown): unknown {
  if (query === null || typeof query !== 'object') return query;
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [name, secretParameter.test(name) ? redacted : value]),
  );
}

interface SerializedRequest {
  url?: string;
  query?: unknown;
  [key: string]: unknown;
}

/**
 * One log line per request, carrying its request id (also sent back in `x-request-id`). Tokens are kept out: the
 * logger redacts the credential headers, and here the secret query parameters in the URL and the parsed query.
 */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    serializers: {
      req: (req: SerializedRequest) => ({
        ...req,
        ...(typeof req.url === 'string' && { url: redactUrl(req.url) }),
        ...(req.query !== undefined && { query: redactQuery(req.query) }),
      }),
    },
  });
}
