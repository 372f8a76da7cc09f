import type { MemberActor } from '../../auth/actor';
import { appError } from '../../errors/app-error';
import type { ServiceDependencies } from '../service-dependencies';
import type { UserRecord } from '../users/user-repository';

/** Who may act inside an account: its members, while the account is active. */
export function accountMemberService({ db, repositories }: ServiceDependencies) {
  const accounts = repositories.accounts(db);

  return {
    /**
     * The user as a member of the account; 404 for an unknown account, 401 for a non-member or a suspended account.
     * `callerStamp` is the stamp a request read before resolving it.
     */
    async resolve(user: UserRecord, accountId: number, callerStamp?: number): Promise<MemberActor> {
      const found = await accounts.findWithRoleOf(accountId, user.id);
      if (!found) throw appError('RESOURCE_NOT_FOUND');
      if (!found.role) throw appError('ACCOUNT_ACCESS_DENIED');
      if (found.account.status === 'suspended') throw appError('ACCOUNT_SUSPENDED');
      const member: MemberActor = { kind: 'member', account: found.account, user, role: found.role };
      return callerStamp === undefined ? member : { ...member, callerStamp };
    },
  };
}

export type AccountMemberService = ReturnType<typeof accountMemberService>;
