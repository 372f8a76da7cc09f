import type { Schemas } from '../../http/schemas';
import type { AccountUserRecord } from './account-user-repository';

export function toAccountUser(accountUser: AccountUserRecord): Schemas['AccountUser'] {
  return {
    id: accountUser.id,
    account_id: accountUser.account_id,
    user_id: accountUser.user_id,
    role: accountUser.role,
    inviter_id: accountUser.inviter_id,
    created_at: accountUser.created_at,
  };
}
