import type { components, webhooks } from '@inquirly/api-types';

export type { components, operations, paths, webhooks } from '@inquirly/api-types';

/**
 * The named schemas of the API, so callers can write `Schemas['User']` instead of `components['schemas']['User']`.
 *
 * @example
 * ```ts
 * import type { Schemas } from '@inquirly/client';
 *
 * function greet(user: Schemas['User']) {
 *   return `Hello, ${user.available_name}`;
 * }
 * ```
 */
export type Schemas = components['schemas'];

/**
 * The stable, machine-readable code of an error the API answers with, such as `RESOURCE_NOT_FOUND`. A newer server
 * may send codes this version does not list; see `InquirlyApiError.code`.
 */
export type ErrorCode = components['schemas']['ErrorCode'];

/** The name of an event the server posts to webhooks, API inboxes and agent bots, such as `message_created`. */
export type WebhookEventName = keyof webhooks;

/**
 * The JSON body of a delivery of `Event`: the event's subject with `event` naming it. `WebhookBody<WebhookEventName>`
 * is the body of any delivery, which `event` tells apart.
 *
 * @example
 * ```ts
 * import type { WebhookBody } from '@inquirly/client';
 *
 * function onMessage(body: WebhookBody<'message_created'>) {
 *   if (body.message_type === 'incoming') console.log(body.sender, body.content);
 * }
 * ```
 */
export type WebhookBody<Event extends WebhookEventName> =
  webhooks[Event]['post']['requestBody']['content']['application/json'];
