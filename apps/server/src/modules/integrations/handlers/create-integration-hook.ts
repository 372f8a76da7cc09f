import type { Handler } from '../../../http/operation-types';

/** POST /api/v1/accounts/{account_id}/integrations/hooks */
export const createIntegrationHook: Handler<'createIntegrationHook'> = async ({ actor, body, services }) => ({
  status: 200,
  body: await services.integrations.create(actor, body),
});
