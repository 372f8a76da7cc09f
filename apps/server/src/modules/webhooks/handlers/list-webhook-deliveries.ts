import type { Handler } from '../../../http/operation-types';

/** GET /api/v1/accounts/{account_id}/webhooks/{webhook_id}/deliveries */
export const listWebhookDeliveries: Handler<'listWebhookDeliveries'> = async ({ actor, path, services }) => ({
  status: 200,
  body: await services.webhooks.deliveries(actor, path.webhook_id),
});
