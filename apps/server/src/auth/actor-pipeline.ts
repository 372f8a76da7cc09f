import type { IncomingHttpHeaders } from 'node:http';
import { type AppError, appError, unmatchedCredentialError } from '../errors/app-error';
import type { OperationAccessRule, SecuritySchemeName } from '../http/operation-access-rule';
import { type Actor, isAdministrator } from './actor';
import type { Caller } from './caller';
import type { CallerCache, CallerLookup } from './caller-cache';
import { readToken } from './read-token';

/** What the pipeline reads of a request that the validator has already checked. */
export interface ActorRequest {
  headers: IncomingHttpHeaders;
  /** The path's `account_id`, as the validator coerced it. */
  accountId: number | undefined;
}

/** Establishes who acts in a request, or refuses it; undefined for an open operation. */
export type ActorPipeline = (request: ActorRequest) => Promise<Actor | undefined>;

const schemeOfKind: Record<Caller['kind'], SecuritySchemeName> = {
  platformApp: 'platformAppApiKey',
  user: 'userApiKey',
  agentBot: 'agentBotApiKey',
};

/**
 * The refusal for a token that is missing, unknown or of a kind the operation does not take. Only an unknown token is
 * an unmatched credential, a possible guess.
 */
function refusal(
  accepted: readonly SecuritySchemeName[],
  token: string | undefined,
  caller: Caller | undefined,
): AppError {
  if (caller?.kind === 'agentBot' && !accepted.includes('platformAppApiKey'))
    return appError('BOT_ENDPOINT_NOT_ALLOWED');
  const code = accepted.includes('platformAppApiKey') ? 'INVALID_PLATFORM_TOKEN' : 'INVALID_ACCESS_TOKEN';
  return token !== undefined && caller === undefined ? unmatchedCredentialError(code) : appError(code);
}

/**
 * The pipeline of one operation, built once from its access rule: the token must be of a kind the operation accepts;
 * inside an account, a user must be its member (and hold the required role). Authorization stays out of handlers.
 */
export function actorPipeline(rule: OperationAccessRule, services: { callers: CallerCache }): ActorPipeline {
  if (rule.schemes.length === 0) return async () => undefined;

  async function callerOf(headers: IncomingHttpHeaders, callers: CallerLookup): Promise<Caller> {
    const token = readToken(headers);
    const caller = token ? await callers.findCaller(token) : undefined;
    if (!caller || !rule.schemes.includes(schemeOfKind[caller.kind])) throw refusal(rule.schemes, token, caller);
    return caller;
  }

  return async ({ headers, accountId }) => {
    const callers = await services.callers.lookup();
    const caller = await callerOf(headers, callers);
    switch (caller.kind) {
      case 'platformApp':
        return { kind: 'platformApp', platformApp: caller.platformApp };
      case 'agentBot':
        // A bot acts only inside the account that owns it.
        if (rule.inAccount && caller.agentBot.account_id !== accountId) throw appError('ACCOUNT_ACCESS_DENIED');
        return { kind: 'agentBot', agentBot: caller.agentBot };
      case 'user': {
        if (!rule.inAccount) return { kind: 'user', user: caller.user };
        if (accountId === undefined) throw appError('ACCOUNT_ACCESS_DENIED');
        const member = await callers.resolveMember(caller.user, accountId);
        if (rule.requiredRole === 'administrator' && !isAdministrator(member)) throw appError('ACTION_NOT_ALLOWED');
        return member;
      }
    }
  };
}
