import type { paths } from '@inquirly/api-types';
import createClient, { type Client } from 'openapi-fetch';
import { tokenMiddleware } from './token-middleware.js';

/** A typed client for the whole Inquirly API: `GET`, `POST`, `PATCH`, `DELETE`... take paths from the spec. */
export type InquirlyClient = Client<paths>;

export interface InquirlyClientOptions {
  /** Origin of the server, e.g. `https://support.example.com`; the spec's paths already start with `/api` or `/platform`. */
  baseUrl: string;
  /** Sent as the `api_access_token` header: a platform-app token for `/platform/...`, a user or bot token otherwise. */
  token?: string | undefined;
  /** The fetch implementation, for tests, retries or runtimes without a global fetch. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
}

/**
 * Creates a typed client for the Inquirly API.
 *
 * @example
 * ```ts
 * const platform = createInquirlyClient({ baseUrl: 'http://localhost:3000', token: platformToken });
 * const account = await unwrap(platform.POST('/platform/api/v1/accounts', { body: { name: 'Acme' } }));
 * const found = await unwrap(
 *   platform.GET('/platform/api/v1/accounts/{account_id}', { params: { path: { account_id: account.id } } }),
 * );
 * ```
 */
export function createInquirlyClient({
  baseUrl,
  token,
  fetch = globalThis.fetch,
}: InquirlyClientOptions): InquirlyClient {
  const client = createClient<paths>({ baseUrl, fetch });
  if (token !== undefined) client.use(tokenMiddleware(token));
  return client;
}
