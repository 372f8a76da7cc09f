import type { RequestHandler } from 'express';
import { type AppError, appError } from '../errors/app-error';
import type { AccessTokenService } from '../modules/access-tokens/access-token-service';
import type { Caller } from './caller';
import { readToken } from './read-token';

export type SecuritySchemeName = 'platformAppApiKey' | 'userApiKey' | 'agentBotApiKey';

interface OperationSecurity {
  security?: Array<Record<string, string[]>>;
}

/** The schemes an operation accepts; an empty list means the operation is open. */
export function acceptedSchemes(operation: OperationSecurity): SecuritySchemeName[] {
  return (operation.security ?? []).flatMap((requirement) => Object.keys(requirement) as SecuritySchemeName[]);
}

const schemeOfKind: Record<Exclude<Caller['kind'], 'anonymous'>, SecuritySchemeName> = {
  platformApp: 'platformAppApiKey',
  user: 'userApiKey',
  agentBot: 'agentBotApiKey',
};

/** The refusal for a token that is missing, unknown or of a kind the operation does not take. */
function refusal(accepted: SecuritySchemeName[], caller: Caller | undefined): AppError {
  if (accepted.includes('platformAppApiKey')) return appError('INVALID_PLATFORM_TOKEN');
  if (caller?.kind === 'agentBot') return appError('BOT_ENDPOINT_NOT_ALLOWED');
  return appError('INVALID_ACCESS_TOKEN');
}

/**
 * Resolves the caller from the token and enforces the operation's security: each token kind reaches only the
 * operations that name its scheme. Runs after request validation, which has found the operation.
 */
export function authenticate(accessTokens: AccessTokenService): RequestHandler {
  return async (req, res, next) => {
    try {
      const operation = (req as { openapi?: { schema?: OperationSecurity } }).openapi?.schema ?? {};
      const accepted = acceptedSchemes(operation);
      if (accepted.length === 0) {
        res.locals.caller = { kind: 'anonymous' } satisfies Caller;
        next();
        return;
      }
      const token = readToken(req.headers);
      const caller = token ? await accessTokens.findCaller(token) : undefined;
      if (!caller || caller.kind === 'anonymous' || !accepted.includes(schemeOfKind[caller.kind])) {
        throw refusal(accepted, caller);
      }
      res.locals.caller = caller;
      next();
    } catch (error) {
      next(error);
    }
  };
}
