import type { Schemas } from '../../http/schemas';
import type { AccountRecord } from './account-repository';

/** An account as the platform API shows it. */
export function toPlatformAccount(account: AccountRecord): Schemas['PlatformAccount'] {
  return {
    id: account.id,
    name: account.name,
    locale: account.locale,
    domain: account.domain,
    support_email: account.support_email,
    status: account.status,
    custom_attributes: account.custom_attributes,
    limits: account.limits,
    created_at: account.created_at,
  };
}
