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
export { InquirlyApiError } from './api-error';
export { createInquirlyClient, type InquirlyClient, type InquirlyClientOptions } from './create-client';
export { ACCESS_TOKEN_HEADER, tokenMiddleware } from './token-middleware';
export type { components, operations, paths, Schemas } from './types';
export { type FetchResultLike, type SuccessData, unwrap } from './unwrap';
