import type { Schemas } from '../../http/schemas';
import type { MembershipRecord } from '../account-users/account-user-repository';
import type { UserRecord } from './user-repository';

/** A user with what their responses show beside the user row. */
export interface UserView {
  user: UserRecord;
  accessToken: string;
  memberships: MembershipRecord[];
}

/** A user as the platform API and the profile show it; `account_id` and `role` are those of the first account. */
export function toUser({ user, accessToken, memberships }: UserView): Schemas['User'] {
  const first = memberships[0];
  return {
    id: user.id,
    uid: user.email,
    provider: 'email',
    name: user.name,
    display_name: user.display_name,
    available_name: user.display_name || user.name,
    email: user.email,
    confirmed: user.confirmed_at !== null,
    avatar_url: '',
    access_token: accessToken,
    pubsub_token: user.pubsub_token,
    account_id: first?.account_id ?? null,
    role: first?.role ?? null,
    ui_settings: user.ui_settings,
    message_signature: user.message_signature,
    custom_attributes: user.custom_attributes,
    accounts: memberships.map((membership) => ({
      id: membership.account_id,
      name: membership.account_name,
      role: membership.role,
      status: membership.account_status,
      active_at: membership.active_at,
    })),
  };
}
