import type { components } from '@inquirly/api-types';

export type { components, operations, paths } from '@inquirly/api-types';

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
