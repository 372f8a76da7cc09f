import type { Schemas } from '../../http/schemas';
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
