import type { RequestHandler } from 'express';
import { appError } from '../errors/app-error';
import type { AccountMemberService } from '../modules/account-users/account-member-service';
import { type AccountMember, isAdministrator } from './account-member';
import type { Caller } from './caller';

/** The spec extension by which an operation requires a role in the account, on top of membership. */
const requiredRoleExtension = 'x-required-role';

interface OpenApiRequest {
  openapi?: { schema?: Record<string, unknown>; pathParams?: Record<string, string> };
}

/**
 * For user calls under `/accounts/{account_id}`: requires the user to belong to that account, then the role the
 * operation names in `x-required-role`. Authorization stays out of the handlers, which receive the member.
 */
export function authorizeAccount(members: AccountMemberService): RequestHandler {
  return async (req, res, next) => {
    try {
      const caller = res.locals.caller as Caller;
      const openapi = (req as OpenApiRequest).openapi;
      const accountId = openapi?.pathParams?.account_id;
      if (caller.kind !== 'user' || accountId === undefined) {
        next();
        return;
      }
      const member: AccountMember = await members.resolve(caller.user, Number(accountId));
      if (openapi?.schema?.[requiredRoleExtension] === 'administrator' && !isAdministrator(member)) {
        throw appError('ACTION_NOT_ALLOWED');
      }
      res.locals.member = member;
      next();
    } catch (error) {
      next(error);
    }
  };
}
