import type { Request, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { appError } from '../errors/app-error';

export interface ClientApiLimit {
  /** Requests one client address may make to the client API within a window. */
  perAddress: number;
  /** Requests all clients together may make to one inbox's client API within a window. */
  perInbox: number;
  windowSeconds: number;
  /** Where the counts live when several processes serve the API; each process counts alone without it. */
  redis?: Redis;
}

/** The routes open to anyone: the client API, and the survey pages that call it. */
const limitedPrefixes = ['/public/api/', '/survey/'];
const inboxOfPath = /^\/public\/api\/v1\/inboxes\/([^/]+)/;

function limiterOf(points: number, options: ClientApiLimit, keyPrefix: string) {
  const window = { points, duration: options.windowSeconds, keyPrefix };
  if (!options.redis) return new RateLimiterMemory(window);
  // While Redis does not answer, each process goes on counting on its own rather than letting every request through.
  return new RateLimiterRedis({
    ...window,
    storeClient: options.redis,
    insuranceLimiter: new RateLimiterMemory(window),
  });
}

const addressOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * Limits the client API and the survey pages, the routes open to anyone, where the reference has no limit: each client address, and each
 * inbox across every address, may make so many requests per window; past that a request is refused with a 429
 * `TOO_MANY_REQUESTS` whose `Retry-After` says in how many seconds the window ends. Other routes are not counted.
 */
export function clientApiLimiter(options: ClientApiLimit | undefined): RequestHandler {
  if (!options) return (_req, _res, next) => next();
  const byAddress = limiterOf(options.perAddress, options, 'inquirly:client-api:address');
  const byInbox = limiterOf(options.perInbox, options, 'inquirly:client-api:inbox');
  return (req, res, next) => {
    if (!limitedPrefixes.some((prefix) => req.path.startsWith(prefix))) return next();
    const inbox = inboxOfPath.exec(req.path)?.[1];
    Promise.all([
      byAddress.consume(addressOf(req)),
      ...(inbox === undefined ? [] : [byInbox.consume(decodeURIComponent(inbox))]),
    ]).then(
      () => next(),
      (refusal: unknown) => {
        if (!(refusal instanceof RateLimiterRes)) {
          req.log.warn({ err: refusal }, 'the client API request count could not be kept');
          return next();
        }
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))));
        next(appError('TOO_MANY_REQUESTS'));
      },
    );
  };
}
