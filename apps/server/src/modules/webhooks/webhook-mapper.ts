import type { Schemas } from '../../http/schemas';
import type { DeliveryRecord } from './delivery-repository';
import type { WebhookRecord } from './webhook-repository';

/** A webhook, with the name of the inbox it was given, if any. */
export function toWebhook(webhook: WebhookRecord, inboxName: string | undefined): Schemas['Webhook'] {
  return {
    id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    account_id: webhook.account_id,
    subscriptions: webhook.subscriptions,
    secret: webhook.secret,
    ...(webhook.inbox_id !== null && inboxName !== undefined && { inbox: { id: webhook.inbox_id, name: inboxName } }),
  };
}

/** A delivery as administrators see it: what was posted when, and how the receiver answered. */
export function toWebhookDelivery(delivery: DeliveryRecord): Schemas['WebhookDelivery'] {
  return {
    id: delivery.id,
    delivery_id: delivery.delivery_id,
    event: delivery.event,
    status: delivery.status,
    attempts: delivery.attempts,
    last_status_code: delivery.last_status_code,
    last_error: delivery.last_error,
    created_at: delivery.created_at,
    next_attempt_at: delivery.status === 'pending' ? delivery.next_attempt_at : null,
    finished_at: delivery.finished_at,
  };
}
