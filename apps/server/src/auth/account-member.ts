import { appError } from '../errors/app-error';
import type { Role } from '../modules/account-users/account-user-repository';
import type { AccountRecord } from '../modules/accounts/account-repository';
import type { UserRecord } from '../modules/users/user-repository';

/** A user acting inside one of their accounts, with their role there. */
export interface AccountMember {
  account: AccountRecord;
  user: UserRecord;
  role: Role;
}

/**
 * The account member behind an application-API call under `/accounts/{account_id}`; the account authorization
 * middleware has already established it.
 */
export function memberOf(member: AccountMember | undefined): AccountMember {
  if (!member) throw appError('ACCOUNT_ACCESS_DENIED');
  return member;
}

export const isAdministrator = (member: AccountMember): boolean => member.role === 'administrator';
