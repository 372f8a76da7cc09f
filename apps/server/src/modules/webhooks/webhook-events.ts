import type { Schemas } from '../../http/schemas';

/** An event an account webhook can subscribe to: the reference's twelve. */
export type WebhookEvent = Schemas['WebhookEvent'];

/** What a webhook created without `subscriptions` receives, as in the reference. */
export const defaultSubscriptions: readonly WebhookEvent[] = [
  'conversation_created',
  'conversation_status_changed',
  'conversation_updated',
  'message_created',
  'message_updated',
  'webwidget_triggered',
];
