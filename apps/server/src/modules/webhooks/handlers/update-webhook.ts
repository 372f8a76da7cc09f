import type { Handler } from '../../../http/operation-types';

/** PATCH /api/v1/accounts/{account_id}/webhooks/{webhook_id} */
export const updateWebhook: Handler<'updateWebhook'> = async ({ actor, path, body, services }) => ({
  status: 200,
  body: await services.webhooks.update(actor, path.webhook_id, body),
});
