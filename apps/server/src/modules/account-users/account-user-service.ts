import type { Clock } from '../../config/clock';
import type { Database } from '../../db/connection';
import { isUniqueViolation } from '../../db/unique-violation';
import { appError } from '../../errors/app-error';
import type { Schemas } from '../../http/operation-types';
import type { AccountService } from '../accounts/account-service';
import { deleteMembership } from '../agents/agent-repository';
import type { PlatformAppRecord } from '../platform-apps/platform-app-repository';
import { userRepository } from '../users/user-repository';
import { type AccountUserRecord, accountUserRepository } from './account-user-repository';

/** Memberships of users in accounts, as platform apps manage them. */
export function accountUserService(db: Database, clock: Clock, accounts: AccountService) {
  const accountUsers = accountUserRepository(db);

  async function upsert(accountId: number, userId: number, role: Schemas['Role']): Promise<AccountUserRecord> {
    const now = clock.nowSeconds();
    const existing = await accountUsers.find(accountId, userId);
    if (existing) {
      await accountUsers.updateRole(existing.id, role, now);
      return { ...existing, role, updated_at: now };
    }
    return accountUsers.insert(accountId, userId, role, now);
  }

  return {
    async list(platformApp: PlatformAppRecord, accountId: number): Promise<AccountUserRecord[]> {
      const account = await accounts.findPermitted(platformApp, accountId);
      return accountUsers.listByAccount(account.id);
    },

    /** Adds the user with the role, or changes the role of the existing membership. */
    async createOrUpdate(
      platformApp: PlatformAppRecord,
      accountId: number,
      input: Schemas['AccountUserCreate'],
    ): Promise<AccountUserRecord> {
      const account = await accounts.findPermitted(platformApp, accountId);
      if (!(await userRepository(db).findById(input.user_id))) throw appError('RESOURCE_NOT_FOUND');
      try {
        return await upsert(account.id, input.user_id, input.role);
      } catch (error) {
        // A concurrent request created the membership between the lookup and the insert: update that one.
        if (isUniqueViolation(error)) return upsert(account.id, input.user_id, input.role);
        throw error;
      }
    },

    async delete(platformApp: PlatformAppRecord, accountId: number, userId: number): Promise<void> {
      const account = await accounts.findPermitted(platformApp, accountId);
      // Team and inbox memberships in the account go with the account membership, as when an administrator removes
      // the agent.
      const removed = await db.transaction((trx) => deleteMembership(trx, account.id, userId));
      if (!removed) throw appError('RESOURCE_NOT_FOUND');
    },
  };
}

export type AccountUserService = ReturnType<typeof accountUserService>;
