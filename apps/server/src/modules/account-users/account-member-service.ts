import type { AccountMember } from '../../auth/account-member';
import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import { accountRepository } from '../accounts/account-repository';
import type { UserRecord } from '../users/user-repository';
import { accountUserRepository } from './account-user-repository';

/** Who may act inside an account: its members, while the account is active. */
export function accountMemberService(db: Database) {
  const accounts = accountRepository(db);
  const accountUsers = accountUserRepository(db);

  return {
    /** The user as a member of the account; 404 for an unknown account, 401 for a non-member or a suspended account. */
    async resolve(user: UserRecord, accountId: number): Promise<AccountMember> {
      const [account, membership] = await Promise.all([
        accounts.findById(accountId),
        accountUsers.find(accountId, user.id),
      ]);
      if (!account) throw appError('RESOURCE_NOT_FOUND');
      if (!membership) throw appError('ACCOUNT_ACCESS_DENIED');
      if (account.status === 'suspended') throw appError('ACCOUNT_SUSPENDED');
      return { account, user, role: membership.role };
    },
  };
}

export type AccountMemberService = ReturnType<typeof accountMemberService>;
