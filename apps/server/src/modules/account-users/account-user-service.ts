import type { PlatformAppActor } from '../../auth/actor';
import { isUniqueViolation } from '../../db/unique-violation';
import { appError } from '../../errors/app-error';
import type { Schemas } from '../../http/schemas';
import type { AccountService } from '../accounts/account-service';
import { deleteMembership } from '../agents/agent-repository';
import type { ServiceDependencies } from '../service-dependencies';
import { type AccountUserRecord, accountUserRepository } from './account-user-repository';
import { membershipEvent } from './membership-event';

/** Memberships of users in accounts, as platform apps manage them. */
export function accountUserService({ db, clock, events, repositories }: ServiceDependencies, accounts: AccountService) {
  const accountUsers = accountUserRepository(db);

  async function upsert(
    actor: PlatformAppActor,
    accountId: number,
    userId: number,
    role: Schemas['Role'],
  ): Promise<AccountUserRecord> {
    const now = clock.nowSeconds();
    return db.transaction(async (trx) => {
      const trxAccountUsers = accountUserRepository(trx);
      // Locked, so that concurrent role changes take turns and each event's previous role is the one stored.
      const existing = await trxAccountUsers.find(accountId, userId, { lock: true });
      if (existing) {
        await trxAccountUsers.updateRole(existing.id, role, now);
        const updated = { ...existing, role, updated_at: now };
        const changed =
          existing.role === role ? [] : [{ role: { previous_value: existing.role, current_value: role } }];
        await events.record(trx, membershipEvent('agent_updated', actor, updated, { changed_attributes: changed }));
        return updated;
      }
      const created = await trxAccountUsers.insert(accountId, userId, role, now);
      await events.record(trx, membershipEvent('agent_added', actor, created));
      return created;
    });
  }

  return {
    async list({ platformApp }: PlatformAppActor, accountId: number): Promise<AccountUserRecord[]> {
      const account = await accounts.findPermitted(platformApp, accountId);
      return accountUsers.listByAccount(account.id);
    },

    /** Adds the user with the role, or changes the role of the existing membership. */
    async createOrUpdate(
      actor: PlatformAppActor,
      accountId: number,
      input: Schemas['AccountUserCreate'],
    ): Promise<AccountUserRecord> {
      const account = await accounts.findPermitted(actor.platformApp, accountId);
      if (!(await repositories.users(db).findById(input.user_id))) throw appError('RESOURCE_NOT_FOUND');
      try {
        return await upsert(actor, account.id, input.user_id, input.role);
      } catch (error) {
        // A concurrent request created the membership between the lookup and the insert: update that one.
        if (isUniqueViolation(error)) return upsert(actor, account.id, input.user_id, input.role);
        throw error;
      }
    },

    async delete(actor: PlatformAppActor, accountId: number, userId: number): Promise<void> {
      const account = await accounts.findPermitted(actor.platformApp, accountId);
      // Team and inbox memberships in the account go with the account membership, as when an administrator removes
      // the agent.
      await db.transaction(async (trx) => {
        const membership = await accountUserRepository(trx).find(account.id, userId);
        if (!membership || !(await deleteMembership(trx, account.id, userId))) throw appError('RESOURCE_NOT_FOUND');
        await events.record(trx, membershipEvent('agent_removed', actor, membership));
      });
    },
  };
}

export type AccountUserService = ReturnType<typeof accountUserService>;
