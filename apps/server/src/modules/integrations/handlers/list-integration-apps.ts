import type { Handler } from '../../../http/operation-types';

/** GET /api/v1/accounts/{account_id}/integrations/apps */
export const listIntegrationApps: Handler<'listIntegrationApps'> = async ({ actor, services }) => ({
  status: 200,
  body: await services.integrations.listApps(actor),
});
