import type { Handler } from '../../../http/operation-types';

/** POST /api/v1/accounts/{account_id}/webhooks */
export const createWebhook: Handler<'createWebhook'> = async ({ actor, body, services }) => ({
  status: 200,
  body: await services.webhooks.create(actor, body),
});
