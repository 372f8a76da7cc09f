import { InquirlyApiError } from './api-error.js';

/** The part of openapi-fetch's result that `unwrap` needs; any client method's result fits it. */
export interface FetchResultLike {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The success data of a result. Only the success branch of openapi-fetch's union has a required `data`, so the
 * conditional picks it out; operations that answer without a body (deletes) yield `undefined`.
 */
export type SuccessData<Result> = Result extends { data: infer Data }
  ? [Data] extends [never]
    ? undefined
    : Data
  : never;

/**
 * Resolves a client call to its data, or throws an {@link InquirlyApiError} for a non-2xx answer.
 *
 * @example
 * ```ts
 * const account = await unwrap(client.POST('/platform/api/v1/accounts', { body: { name: 'Acme' } }));
 * account.id; // typed as Schemas['PlatformAccount']
 * ```
 */
export async function unwrap<Result extends FetchResultLike>(
  result: Promise<Result> | Result,
): Promise<SuccessData<Result>> {
  const { data, error, response } = await result;
  // `response.ok` decides, not `error`: openapi-fetch leaves `error` undefined for an empty non-2xx body.
  if (!response.ok) throw new InquirlyApiError(response.status, error);
  return data as SuccessData<Result>;
}
