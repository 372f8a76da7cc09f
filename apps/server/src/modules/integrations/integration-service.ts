import { isAdministrator, type MemberActor } from '../../auth/actor';
import { lockingRowsOf } from '../../db/row-lock';
import { appError, type FieldProblem, validationError } from '../../errors/app-error';
import { changedAttributes, changeEvent } from '../../events/change-event';
import type { Schemas } from '../../http/schemas';
import { inboxRepository } from '../inboxes/inbox-repository';
import type { ServiceDependencies } from '../service-dependencies';
import { webhookRepository } from '../webhooks/webhook-repository';
import { type IntegrationApp, integrationAppById, integrationApps } from './integration-catalogue';
import {
  type IntegrationHookFields,
  type IntegrationHookRecord,
  integrationHookRepository,
} from './integration-hook-repository';
import { toIntegrationApp, toIntegrationHook } from './integration-mapper';

type HookStatus = Schemas['IntegrationHookCreate']['status'];

const enabledOf = (status: HookStatus): boolean => status === undefined || status === true || status === 'enabled';

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The app a hook is made for, if hooks of it are made here; a 422 naming `app_id` otherwise. */
function hookableApp(appId: string): IntegrationApp & { connection: { kind: 'settings' } } {
  const app = integrationAppById.get(appId);
  if (!app) throw validationError([{ attribute: 'app_id', message: 'is not an app of the catalogue' }]);
  if (app.connection.kind === 'elsewhere') {
    throw validationError([{ attribute: 'app_id', message: `is connected through ${app.connection.managedBy}` }]);
  }
  if (app.connection.kind === 'oauth') {
    throw validationError([
      { attribute: 'app_id', message: `is connected by signing in to ${app.name}, which this server does not do` },
    ]);
  }
  return app as IntegrationApp & { connection: { kind: 'settings' } };
}

/** Settings with what the app needs, else a 422 naming each missing setting. */
function checkedSettings(
  app: IntegrationApp & { connection: { kind: 'settings' } },
  settings: Record<string, unknown>,
) {
  const problems: FieldProblem[] = app.connection.required
    .filter((key) => isBlank(settings[key]))
    .map((key) => ({ attribute: `settings.${key}`, message: "can't be blank" }));
  if (problems.length > 0) throw validationError(problems);
  return settings;
}

/** The apps an account connects and their hooks. Any member reads the catalogue; administrators connect apps. */
export function integrationService({ db, clock, events }: ServiceDependencies) {
  // Events, which consumers pass on, carry a hook without its settings: they hold the provider's credentials.
  const hookEvent = (name: string, member: MemberActor, hook: IntegrationHookRecord, data = {}) => {
    const { settings: _settings, ...shareable } = hook;
    return changeEvent(
      name,
      member,
      hook.account_id,
      { type: 'integration_hook', id: hook.id },
      { hook: shareable, ...data },
    );
  };

  async function present(member: MemberActor, hook: IntegrationHookRecord): Promise<Schemas['IntegrationHook']> {
    const names = await inboxRepository(db).namesInAccount(member.account.id, [hook.inbox_id]);
    return toIntegrationHook(
      hook,
      integrationAppById.get(hook.app_id),
      hook.inbox_id === null ? undefined : names.get(hook.inbox_id),
      { administrator: isAdministrator(member) },
    );
  }

  return {
    async listApps(member: MemberActor): Promise<Schemas['IntegrationAppList']> {
      const viewer = { administrator: isAdministrator(member) };
      const [hooks, webhooks] = await Promise.all([
        integrationHookRepository(db).list(member.account.id),
        webhookRepository(db).countInAccount(member.account.id),
      ]);
      const names = await inboxRepository(db).namesInAccount(
        member.account.id,
        hooks.map((hook) => hook.inbox_id),
      );
      return {
        payload: integrationApps.map((app) => {
          const own = hooks
            .filter((hook) => hook.app_id === app.id)
            .map((hook) =>
              toIntegrationHook(hook, app, hook.inbox_id === null ? undefined : names.get(hook.inbox_id), viewer),
            );
          const enabled = app.id === 'webhook' ? webhooks > 0 : own.length > 0;
          return toIntegrationApp(app, enabled, own, viewer);
        }),
      };
    },

    async create(member: MemberActor, input: Schemas['IntegrationHookCreate']): Promise<Schemas['IntegrationHook']> {
      const app = hookableApp(input.app_id);
      const settings = checkedSettings(app, input.settings ?? {});
      let inboxId: number | null = null;
      if (app.hookType === 'inbox') {
        if (input.inbox_id === undefined || input.inbox_id === null) {
          throw validationError([{ attribute: 'inbox_id', message: `is required for ${app.name}` }]);
        }
        if (!(await inboxRepository(db).namesInAccount(member.account.id, [input.inbox_id])).size) {
          throw validationError([{ attribute: 'inbox_id', message: 'is not an inbox of the account' }]);
        }
        inboxId = input.inbox_id;
      }
      const fields: IntegrationHookFields = {
        app_id: app.id,
        inbox_id: inboxId,
        hook_type: app.hookType,
        enabled: enabledOf(input.status),
        settings,
        reference_id: null,
      };
      const created = await db.transaction(async (trx) => {
        // The account row is locked so that two requests cannot both add the one hook an app allows.
        await lockingRowsOf(trx, 'accounts', trx('accounts').where({ id: member.account.id }).first('id'));
        const hooks = integrationHookRepository(trx);
        if (!app.allowMultipleHooks && (await hooks.countOfApp(member.account.id, app.id)) > 0) {
          throw validationError([{ attribute: 'app_id', message: 'is already connected' }]);
        }
        const hook = await hooks.insert(member.account.id, fields, clock.nowSeconds());
        await events.record(trx, hookEvent('integration_hook_created', member, hook));
        return hook;
      });
      return present(member, created);
    },

    async update(
      member: MemberActor,
      id: number,
      input: Schemas['IntegrationHookUpdate'],
    ): Promise<Schemas['IntegrationHook']> {
      const updated = await db.transaction(async (trx) => {
        const hooks = integrationHookRepository(trx);
        const current = await hooks.findInAccount(member.account.id, id, { lock: true });
        if (!current) throw appError('RESOURCE_NOT_FOUND');
        const app = integrationAppById.get(current.app_id);
        const changes = {
          ...(input.status !== undefined && { enabled: enabledOf(input.status) }),
          ...(input.settings !== undefined && {
            settings:
              app?.connection.kind === 'settings'
                ? checkedSettings(hookableApp(app.id), input.settings)
                : input.settings,
          }),
        };
        const now = clock.nowSeconds();
        await hooks.update(current.id, changes, now);
        const hook = { ...current, ...changes, updated_at: now };
        await events.record(
          trx,
          hookEvent('integration_hook_updated', member, hook, {
            changed_attributes: changedAttributes({ enabled: current.enabled }, { enabled: hook.enabled }),
          }),
        );
        return hook;
      });
      return present(member, updated);
    },

    async delete(member: MemberActor, id: number): Promise<void> {
      await db.transaction(async (trx) => {
        const hook = await integrationHookRepository(trx).findInAccount(member.account.id, id, { lock: true });
        if (!hook) throw appError('RESOURCE_NOT_FOUND');
        await integrationHookRepository(trx).delete(hook.id);
        await events.record(trx, hookEvent('integration_hook_deleted', member, hook));
      });
    },
  };
}

export type IntegrationService = ReturnType<typeof integrationService>;
