import cors, { type CorsOptions } from 'cors';
import type { Request, RequestHandler } from 'express';

/**
 * The client API is called from end users' browsers on any site, as the reference allows; the OpenAPI document is
 * read by documentation tools on any site.
 */
const anyOriginPrefixes = ['/public/api/', '/openapi.json'];
/** The application and platform APIs answer browsers only on the origins configured. */
const listedOriginPrefixes = ['/api/', '/platform/api/'];

const shared: CorsOptions = {
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowedHeaders: ['api_access_token', 'Authorization', 'Content-Type', 'X-Request-Id'],
  exposedHeaders: ['X-Request-Id', 'Retry-After'],
  maxAge: 600,
};

const startsWithAny = (path: string, prefixes: readonly string[]) => prefixes.some((prefix) => path.startsWith(prefix));

/**
 * Cross-origin access for browsers: any origin on the client API and the OpenAPI document, the listed origins on the application and platform
 * APIs, none elsewhere. A preflight it allows is answered here with 204; any other request gets no CORS headers and
 * goes on, so a preflight from an origin not listed ends as the 405 of any OPTIONS request.
 */
export function crossOriginAccess(allowedOrigins: readonly string[]): RequestHandler {
  const listed = new Set(allowedOrigins);
  const optionsFor = (req: Request): CorsOptions => {
    if (startsWithAny(req.path, anyOriginPrefixes)) return { ...shared, origin: '*' };
    if (listed.size === 0 || !startsWithAny(req.path, listedOriginPrefixes)) return { origin: false };
    // The answer depends on the origin asked from, also when it is refused, which caches must know.
    req.res?.vary('Origin');
    const origin = req.headers.origin;
    return origin !== undefined && listed.has(origin) ? { ...shared, origin } : { origin: false };
  };
  return cors((req, callback) => callback(null, optionsFor(req as Request)));
}
