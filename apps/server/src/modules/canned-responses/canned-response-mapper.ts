import type { Schemas } from '../../http/schemas';
import type { CannedResponseRecord } from './canned-response-repository';

/** A canned response as the application API shows it. */
export function toCannedResponse(response: CannedResponseRecord): Schemas['CannedResponse'] {
  return {
    id: response.id,
    account_id: response.account_id,
    short_code: response.short_code,
    content: response.content,
    created_at: response.created_at,
    updated_at: response.updated_at,
  };
}
