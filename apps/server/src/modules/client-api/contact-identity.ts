import { createHmac, timingSafeEqual } from 'node:crypto';
import { appError } from '../../errors/app-error';
import type { InboxRecord } from '../inboxes/inbox-repository';

/** Who a client API call says the contact is, and the proof. */
export interface IdentityClaim {
  identifier?: string | null;
  identifier_hash?: string | null;
}

/** Whether the API inbox demands that every contact call prove its identity (`hmac_mandatory`). */
export const demandsVerifiedIdentity = (inbox: InboxRecord): boolean =>
  (inbox.channel_settings as { hmac_mandatory?: unknown }).hmac_mandatory === true;

/**
 * Checks the identity a contact call claims, when it gives a hash or the inbox demands one, as the reference does:
 * the hash must be the hex HMAC-SHA256 of the identifier (the empty text when none is given) under the inbox's
 * `hmac_token`, compared in constant time. True when checked and proven; false when not checked; a 401
 * `IDENTITY_NOT_VERIFIED` when checked and not proven.
 */
export function provenIdentity(inbox: InboxRecord, claim: IdentityClaim): boolean {
  const hash = claim.identifier_hash ?? '';
  if (hash.trim() === '' && !demandsVerifiedIdentity(inbox)) return false;
  const expected = Buffer.from(
    createHmac('sha256', inbox.hmac_token ?? '')
      .update(claim.identifier ?? '')
      .digest('hex'),
  );
  const given = Buffer.from(hash);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw appError('IDENTITY_NOT_VERIFIED');
  return true;
}
