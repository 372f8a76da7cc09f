import type { Handler } from '../../../http/operation-types';

/** POST /api/v1/accounts/{account_id}/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver */
export const redeliverWebhookDelivery: Handler<'redeliverWebhookDelivery'> = async ({ actor, path, services }) => ({
  status: 200,
  body: await services.webhooks.redeliver(actor, path.webhook_id, path.delivery_id),
});
