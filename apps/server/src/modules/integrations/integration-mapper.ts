import type { Schemas } from '../../http/schemas';
import type { IntegrationApp } from './integration-catalogue';
import type { IntegrationHookRecord } from './integration-hook-repository';

/** Who looks at hooks: administrators see their settings (the keys the app shows) and reference. */
export interface HookViewer {
  administrator: boolean;
}

export function toIntegrationHook(
  hook: IntegrationHookRecord,
  app: IntegrationApp | undefined,
  inboxName: string | undefined,
  viewer: HookViewer,
): Schemas['IntegrationHook'] {
  const visible = app?.connection.kind === 'settings' ? app.connection.visible : [];
  return {
    id: hook.id,
    app_id: hook.app_id,
    status: hook.enabled,
    inbox: hook.inbox_id === null ? null : { id: hook.inbox_id, name: inboxName ?? '' },
    account_id: hook.account_id,
    hook_type: hook.hook_type,
    ...(viewer.administrator && {
      settings: Object.fromEntries(Object.entries(hook.settings).filter(([key]) => visible.includes(key))),
      reference_id: hook.reference_id,
    }),
  };
}

export function toIntegrationApp(
  app: IntegrationApp,
  enabled: boolean,
  hooks: Schemas['IntegrationHook'][],
  viewer: HookViewer,
): Schemas['IntegrationApp'] {
  return {
    id: app.id,
    name: app.name,
    description: app.description,
    short_description: app.shortDescription,
    logo: `/dashboard/images/integrations/${app.id}.png`,
    enabled,
    active: app.connection.kind !== 'oauth',
    hook_type: app.hookType,
    allow_multiple_hooks: app.allowMultipleHooks,
    ...(viewer.administrator && { action: app.action }),
    hooks,
  };
}
