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
