import type { components } from '@inquirly/api-types';

/** One entry of the catalogue: the HTTP status and the standard message of an error. */
interface CatalogueEntry {
  status: number;
  message: string;
}

/**
 * Every error the API answers with: a stable code, its HTTP status and its message. Messages of the authentication
 * and not-found errors are worded as the reference server words them, because integrations match on them. The codes
 * are exactly the spec's `ErrorCode` enum, which clients compile against: a code missing from either side fails the
 * typecheck.
 */
export const errorCatalogue = {
  MALFORMED_REQUEST: { status: 400, message: 'The request is not valid HTTP' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON' },
  MALFORMED_MULTIPART: { status: 400, message: 'The request body is not a valid multipart form' },
  INVALID_PLATFORM_TOKEN: { status: 401, message: 'Invalid access_token' },
  INVALID_ACCESS_TOKEN: { status: 401, message: 'Invalid Access Token' },
  BOT_ENDPOINT_NOT_ALLOWED: { status: 401, message: 'Access to this endpoint is not authorized for bots' },
  ACCOUNT_ACCESS_DENIED: { status: 401, message: 'You are not authorized to access this account' },
  ACCOUNT_SUSPENDED: { status: 401, message: 'Account is suspended' },
  ACTION_NOT_ALLOWED: { status: 401, message: 'You are not authorized to do this action' },
  NON_PERMISSIBLE_RESOURCE: { status: 401, message: 'Non permissible resource' },
  INVALID_SSO_LINK: { status: 401, message: 'The sign-in link is invalid, used or expired' },
  IDENTITY_NOT_VERIFIED: { status: 401, message: 'The identifier hash does not match the identifier' },
  ATTACHMENT_LINK_INVALID: { status: 403, message: 'The attachment link is not valid' },
  ATTACHMENT_LINK_EXPIRED: { status: 403, message: 'The attachment link has expired' },
  RESOURCE_NOT_FOUND: { status: 404, message: 'Resource could not be found' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No route matches this path' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This path does not accept this method' },
  REQUEST_TIMEOUT: { status: 408, message: 'The request took too long to arrive' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body must be application/json' },
  VALIDATION_FAILED: { status: 422, message: 'The request is invalid' },
  SEARCH_QUERY_MISSING: { status: 422, message: 'Specify search string with parameter q' },
  TOO_MANY_AUTH_FAILURES: {
    status: 429,
    message: 'Too many failed authentication attempts from this address; retry after the time in Retry-After',
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    message: 'Too many requests from this address or to this inbox; retry after the time in Retry-After',
  },
  HEADERS_TOO_LARGE: { status: 431, message: 'The request line and headers are too large' },
  INTERNAL_ERROR: { status: 500, message: 'Something went wrong on our side' },
  NOT_IMPLEMENTED: { status: 501, message: 'This operation is not implemented yet' },
} as const satisfies Record<components['schemas']['ErrorCode'], CatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;
