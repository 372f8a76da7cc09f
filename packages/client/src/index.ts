/**
 * Typed client for the Inquirly API, generated from its OpenAPI spec.
 *
 * @example
 * ```ts
 * import { createInquirlyClient, unwrap } from '@inquirly/client';
 *
 * const client = createInquirlyClient({ baseUrl: 'http://localhost:3000', token: userToken });
 * const profile = await unwrap(client.GET('/api/v1/profile'));
 * ```
 *
 * @packageDocumentation
 */
export { InquirlyApiError } from './api-error.js';
export { createInquirlyClient, type InquirlyClient, type InquirlyClientOptions } from './create-client.js';
export {
  eachContact,
  eachConversation,
  eachFilteredContact,
  eachFilteredConversation,
  eachMessage,
  eachSearchedContact,
} from './pages.js';
export { ACCESS_TOKEN_HEADER, tokenMiddleware } from './token-middleware.js';
export type {
  components,
  ErrorCode,
  operations,
  paths,
  Schemas,
  WebhookBody,
  WebhookEventName,
  webhooks,
} from './types.js';
export { type FetchResultLike, type SuccessData, unwrap } from './unwrap.js';
