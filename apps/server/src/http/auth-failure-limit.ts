import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { AppError, appError } from '../errors/app-error';

export interface AuthFailureLimit {
  /** Failed authentications one address may make within a window; its requests are then refused until it ends. */
  limit: number;
  windowSeconds: number;
  /** Where the counts live when several processes serve the API; each process counts alone without it. */
  redis?: Redis;
  /** Namespaces the counters in Redis. */
  keyPrefix?: string;
}

const defaultAuthFailureKeyPrefix = 'inquirly:auth-failures';

function limiterOf(options: AuthFailureLimit): RateLimiterAbstract {
  const window = { points: options.limit, duration: options.windowSeconds };
  const keyPrefix = options.keyPrefix ?? defaultAuthFailureKeyPrefix;
  if (!options.redis) return new RateLimiterMemory({ ...window, keyPrefix });
  return new RateLimiterRedis({
    ...window,
    keyPrefix,
    storeClient: options.redis,
    // While Redis does not answer, each process goes on counting on its own rather than letting every guess through.
    insuranceLimiter: new RateLimiterMemory({ ...window, keyPrefix }),
  });
}

const addressOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * Slows down the guessing of tokens and sign-in links: each request refused for a credential it presented that
 * matches nothing (a token no one holds, a sign-in link never issued or spent) counts against its address, and an
 * address past the limit is refused with a 429 before its token is looked up, until the window ends. Requests that
 * succeed, that carry no token, or that use a valid token where it does not apply do not count.
 */
export function authFailureLimiter(options: AuthFailureLimit | undefined): {
  refuseBlocked: RequestHandler;
  countFailure: ErrorRequestHandler;
} {
  if (!options) {
    return { refuseBlocked: (_req, _res, next) => next(), countFailure: (error, _req, _res, next) => next(error) };
  }
  const limiter = limiterOf(options);
  return {
    refuseBlocked: (req, res, next) => {
      limiter.get(addressOf(req)).then(
        (state) => {
          if (!state || state.consumedPoints < options.limit) return next();
          res.setHeader('Retry-After', String(Math.max(1, Math.ceil(state.msBeforeNext / 1000))));
          next(appError('TOO_MANY_AUTH_FAILURES'));
        },
        (error: unknown) => {
          req.log.warn({ err: error }, 'the authentication failure count could not be read');
          next();
        },
      );
    },
    countFailure: (error, req, _res, next) => {
      if (!(error instanceof AppError && error.unmatchedCredential)) return next(error);
      limiter.penalty(addressOf(req)).then(
        () => next(error),
        (countError: unknown) => {
          req.log.warn({ err: countError }, 'the authentication failure could not be counted');
          next(error);
        },
      );
    },
  };
}
