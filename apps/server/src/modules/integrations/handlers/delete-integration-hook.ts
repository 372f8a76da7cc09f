import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/integrations/hooks/{hook_id} */
export const deleteIntegrationHook: Handler<'deleteIntegrationHook'> = async ({ actor, path, services }) => {
  await services.integrations.delete(actor, path.hook_id);
  return { status: 200 };
};
