import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/webhooks/{webhook_id} */
export const deleteWebhook: Handler<'deleteWebhook'> = async ({ actor, path, services }) => {
  await services.webhooks.delete(actor, path.webhook_id);
  return { status: 200 };
};
