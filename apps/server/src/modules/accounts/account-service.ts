import type { PlatformAppActor } from '../../auth/actor';
import { appError } from '../../errors/app-error';
import { changedAttributes, changeEvent } from '../../events/change-event';
import type { Schemas } from '../../http/schemas';
import type { PlatformAppRecord } from '../platform-apps/platform-app-repository';
import type { PlatformAppService } from '../platform-apps/platform-app-service';
import type { ServiceDependencies } from '../service-dependencies';
import { type AccountRecord, accountRepository } from './account-repository';

const accountEvent = (name: string, actor: PlatformAppActor, account: AccountRecord, data: Record<string, unknown>) =>
  changeEvent(name, actor, account.id, { type: 'account', id: account.id }, { account, ...data });

/** Accounts as platform apps provision them. */
export function accountService(
  { db, clock, events, repositories }: ServiceDependencies,
  platformApps: PlatformAppService,
) {
  const accounts = accountRepository(db);

  /** The account, when it exists (else 404) and the app created it (else 401). */
  async function findPermitted(platformApp: PlatformAppRecord, accountId: number): Promise<AccountRecord> {
    const account = await accounts.findById(accountId);
    if (!account) throw appError('RESOURCE_NOT_FOUND');
    await platformApps.assertPermitted(platformApp, 'Account', account.id);
    return account;
  }

  return {
    findPermitted,

    get: ({ platformApp }: PlatformAppActor, accountId: number) => findPermitted(platformApp, accountId),

    async create(actor: PlatformAppActor, input: Schemas['PlatformAccountCreate']): Promise<AccountRecord> {
      return db.transaction(async (trx) => {
        const account = await accountRepository(trx).insert(
          {
            name: input.name,
            locale: input.locale ?? 'en',
            domain: input.domain ?? null,
            support_email: input.support_email ?? null,
            status: input.status ?? 'active',
            custom_attributes: input.custom_attributes ?? {},
            limits: input.limits ?? {},
          },
          clock.nowSeconds(),
        );
        await platformApps.grant(actor.platformApp, 'Account', account.id, trx);
        await events.record(trx, accountEvent('account_created', actor, account, {}));
        return account;
      });
    },

    async update(
      actor: PlatformAppActor,
      accountId: number,
      input: Schemas['PlatformAccountUpdate'],
    ): Promise<AccountRecord> {
      const account = await findPermitted(actor.platformApp, accountId);
      const changes = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.locale !== undefined && { locale: input.locale }),
        ...(input.domain !== undefined && { domain: input.domain }),
        ...(input.support_email !== undefined && { support_email: input.support_email }),
        ...(input.status !== undefined && { status: input.status }),
        ...(input.custom_attributes !== undefined && { custom_attributes: input.custom_attributes }),
        ...(input.limits !== undefined && { limits: input.limits }),
      };
      const now = clock.nowSeconds();
      return db.transaction(async (trx) => {
        // Read again under a lock: concurrent updates take turns, and each event compares with what the update before
        // it committed (see `lockingRowsOf`).
        const current = await accountRepository(trx).findById(account.id, { lock: true });
        if (!current) throw appError('RESOURCE_NOT_FOUND');
        await accountRepository(trx).update(current.id, changes, now);
        const updated = { ...current, ...changes, updated_at: now };
        await events.record(
          trx,
          accountEvent('account_updated', actor, updated, { changed_attributes: changedAttributes(current, changes) }),
        );
        return updated;
      });
    },

    /** Deletes the account with its memberships and the agent bots it owns, tokens included. */
    async delete(actor: PlatformAppActor, accountId: number): Promise<void> {
      const account = await findPermitted(actor.platformApp, accountId);
      await db.transaction(async (trx) => {
        const botIds = await repositories.agentBots(trx).idsOfAccount(account.id);
        await repositories.accessTokens(trx).deleteFor('AgentBot', botIds);
        await platformApps.revokeAll('AgentBot', botIds, trx);
        await platformApps.revokeAll('Account', [account.id], trx);
        await accountRepository(trx).delete(account.id);
        await events.record(trx, accountEvent('account_deleted', actor, account, {}));
      });
    },
  };
}

export type AccountService = ReturnType<typeof accountService>;
