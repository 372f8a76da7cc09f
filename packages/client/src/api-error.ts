import type { ErrorCode } from './types.js';

/**
 * A non-2xx answer from the API.
 *
 * The server answers errors in two shapes: `{ error, code }` for most statuses and `{ message, attributes, code }` for
 * 422 validation failures. Both are folded into one class so callers can branch on `status` or `code` without first
 * working out which shape they received.
 *
 * @example
 * ```ts
 * try {
 *   await unwrap(client.POST('/platform/api/v1/accounts', { body: { name: '' } }));
 * } catch (error) {
 *   if (error instanceof InquirlyApiError && error.status === 422) {
 *     highlightFields(error.attributes); // e.g. ['name']
 *   }
 * }
 * ```
 */
export class InquirlyApiError extends Error {
  override readonly name = 'InquirlyApiError';
  /** The HTTP status, e.g. 401, 404 or 422. */
  readonly status: number;
  /**
   * The stable, machine-readable error code (e.g. `RESOURCE_NOT_FOUND`), when the server sent one. Typed as the codes
   * this version of the client knows, so comparing it with a misspelt code fails to compile; a code added by a newer
   * server still arrives as sent, so a `switch` over it keeps a `default` branch.
   */
  readonly code: ErrorCode | undefined;
  /** The fields a validation error concerns; empty for other errors. */
  readonly attributes: string[];
  /** The parsed error body as received: the JSON object, the raw text when it was not JSON, or undefined when empty. */
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    super(messageOf(status, body));
    this.status = status;
    this.body = body;
    // Not narrowed to the known codes at runtime: a newer server's code is kept rather than dropped.
    this.code = stringField(body, 'code') as ErrorCode | undefined;
    const attributes = isRecord(body) ? body.attributes : undefined;
    this.attributes = Array.isArray(attributes)
      ? attributes.filter((attribute): attribute is string => typeof attribute === 'string')
      : [];
  }
}

function messageOf(status: number, body: unknown): string {
  // `error` is the common shape, `message` the validation shape; a proxy in front of the server may send plain text.
  const text = stringField(body, 'error') ?? stringField(body, 'message') ?? (typeof body === 'string' ? body : '');
  return text.trim() ? text : `Request failed with status ${status}`;
}

function stringField(body: unknown, key: string): string | undefined {
  if (!isRecord(body)) return undefined;
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
