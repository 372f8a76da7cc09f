import type { Middleware } from 'openapi-fetch';

/** The header Chatwoot-compatible servers read the access token from (user, bot and platform-app tokens alike). */
export const ACCESS_TOKEN_HEADER = 'api_access_token';

/**
 * Middleware that authenticates every request with `token`.
 *
 * @example
 * ```ts
 * const client = createInquirlyClient({ baseUrl });
 * client.use(tokenMiddleware(userToken));
 * ```
 */
export function tokenMiddleware(token: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set(ACCESS_TOKEN_HEADER, token);
      return request;
    },
  };
}
