import type { Handler } from '../../../http/operation-types';

/** PATCH /api/v1/accounts/{account_id}/integrations/hooks/{hook_id} */
export const updateIntegrationHook: Handler<'updateIntegrationHook'> = async ({ actor, path, body, services }) => ({
  status: 200,
  body: await services.integrations.update(actor, path.hook_id, body),
});
