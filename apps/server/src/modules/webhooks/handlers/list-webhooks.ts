import type { Handler } from '../../../http/operation-types';

/** GET /api/v1/accounts/{account_id}/webhooks */
export const listWebhooks: Handler<'listWebhooks'> = async ({ actor, services }) => ({
  status: 200,
  body: await services.webhooks.list(actor),
});
