import type { RequestHandler } from 'express';

/** Reference clients call some paths with a trailing slash: `/api/v1/profile/` is `/api/v1/profile`. */
export const stripTrailingSlash: RequestHandler = (req, _res, next) => {
  const queryStart = req.url.indexOf('?');
  const pathname = queryStart === -1 ? req.url : req.url.slice(0, queryStart);
  if (pathname.length > 1 && pathname.endsWith('/')) {
    req.url = pathname.replace(/\/+$/, '') + (queryStart === -1 ? '' : req.url.slice(queryStart));
  }
  next();
};

/**
 * Array query parameters arrive as `k=a&k=b` or as `k[]=a&k[]=b`; both become `k`. Express 5 exposes `req.query` as
 * a getter, so the normalized object replaces it.
 */
export const normalizeArrayQuery: RequestHandler = (req, _res, next) => {
  const query = req.query as Record<string, unknown>;
  if (Object.keys(query).some((key) => key.endsWith('[]'))) {
    const normalized: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(query)) {
      const name = key.endsWith('[]') ? key.slice(0, -2) : key;
      const values = [normalized[name], value].flat().filter((item) => item !== undefined);
      normalized[name] = key.endsWith('[]') || values.length > 1 ? values : value;
    }
    Object.defineProperty(req, 'query', { value: normalized, writable: true, configurable: true, enumerable: true });
  }
  next();
};
