/**
 * TanStack Query hooks for the Inquirly API, typed from its OpenAPI spec: `useQuery`, `useSuspenseQuery`,
 * `useInfiniteQuery`, `useMutation` and `queryOptions` from openapi-react-query. Needs `@tanstack/react-query` 5 and
 * `openapi-react-query` 0.5 next to this package.
 *
 * @packageDocumentation
 */
import type { Client } from 'openapi-fetch';
import createQueryClient, { type OpenapiQueryClient } from 'openapi-react-query';
import { InquirlyApiError } from './api-error.js';
import type { InquirlyClient } from './create-client.js';
import type { paths } from './types.js';

/**
 * The answer every error status is declared with in {@link PathsRejectingWithApiError}: what a hook's `error` may be.
 * An answer of the server is an {@link InquirlyApiError}; a request that got no answer (network down, refused by CORS,
 * aborted) fails with fetch's own error.
 */
interface ApiErrorAnswer {
  headers: { [name: string]: unknown };
  content: { 'application/json': InquirlyApiError | Error };
}

/** An operation whose non-2xx answers are all typed as {@link ApiErrorAnswer}, as the hooks reject with. */
type RejectingWithApiError<Operation> = {
  [Key in keyof Operation]: Key extends 'responses'
    ? {
        [Status in keyof Operation[Key]]: `${Status & (string | number)}` extends `2${string}`
          ? Operation[Key][Status]
          : ApiErrorAnswer;
      }
    : Operation[Key];
};

/**
 * The spec's paths as the hooks see them: openapi-react-query types a query's or mutation's `error` from the declared
 * error answers, and here those answers are what the hooks throw (an {@link InquirlyApiError}) rather than the raw body.
 */
type PathsRejectingWithApiError = {
  [Path in keyof paths]: { [Method in keyof paths[Path]]: RejectingWithApiError<paths[Path][Method]> };
};

/**
 * The hooks {@link createInquirlyQueryHooks} returns; `error` is an {@link InquirlyApiError} in every one of them when
 * the server answered, and fetch's own `Error` when it could not be reached.
 */
export type InquirlyQueryHooks = OpenapiQueryClient<PathsRejectingWithApiError>;

/**
 * Creates TanStack Query hooks over `client`: paths, parameters, bodies and answers are typed as in the client itself.
 *
 * A failed query or mutation rejects with an {@link InquirlyApiError} (`status`, typed `code`, `attributes`), also when
 * the server answered with an empty body, which openapi-react-query alone would take for a success without data.
 * Network failures and aborts reject with fetch's own error, so `error` is typed `InquirlyApiError | Error`: narrow it
 * with `instanceof InquirlyApiError` before reading `status` or `code`.
 *
 * A query key is `[method, path, init]`, so different parameters (another `account_id`, another page) are cached
 * apart; the token is not part of it, so give each signed-in user their own `QueryClient`, or clear it on sign-out.
 *
 * @example
 * ```tsx
 * const hooks = createInquirlyQueryHooks(createInquirlyClient({ baseUrl, token }));
 *
 * function OpenConversations({ accountId }: { accountId: number }) {
 *   const { data, error } = hooks.useQuery('get', '/api/v1/accounts/{account_id}/conversations', {
 *     params: { path: { account_id: accountId }, query: { status: 'open' } },
 *   });
 *   if (error instanceof InquirlyApiError && error.status === 401) return <p>Please sign in again</p>;
 *   if (error) return <p>{error.message}</p>;
 *   return <ul>{data?.data.payload.map((conversation) => <li key={conversation.id}>#{conversation.id}</li>)}</ul>;
 * }
 * ```
 */
export function createInquirlyQueryHooks(client: InquirlyClient): InquirlyQueryHooks {
  const rejectingClient = {
    ...client,
    GET: rejectingWithApiError(client.GET),
    PUT: rejectingWithApiError(client.PUT),
    POST: rejectingWithApiError(client.POST),
    DELETE: rejectingWithApiError(client.DELETE),
    OPTIONS: rejectingWithApiError(client.OPTIONS),
    HEAD: rejectingWithApiError(client.HEAD),
    PATCH: rejectingWithApiError(client.PATCH),
    TRACE: rejectingWithApiError(client.TRACE),
  };
  // The methods answer as before on success and only reject otherwise, which the retyped paths describe.
  return createQueryClient(rejectingClient as unknown as Client<PathsRejectingWithApiError>);
}

/**
 * Wraps a client method so that a non-2xx answer rejects instead of resolving with `error`. openapi-react-query calls
 * the client's methods by name and throws `error` only when it is set; deciding on `response.ok` here also catches the
 * empty error bodies that leave `error` undefined.
 */
function rejectingWithApiError<Method extends (...args: never[]) => Promise<{ error?: unknown; response: Response }>>(
  method: Method,
): Method {
  return (async (...args: Parameters<Method>) => {
    const result = await method(...args);
    if (!result.response.ok) throw new InquirlyApiError(result.response.status, result.error);
    return result;
  }) as Method;
}
