import type { Actor } from '../../auth/actor';
import type { Role } from '../../db/column-values';
import { changeEvent } from '../../events/change-event';

/** A user's membership of an account, as its events carry it. */
export interface Membership {
  account_id: number;
  user_id: number;
  role: Role;
}

/**
 * The event of a change to a user's membership of an account (`agent_added`, `agent_updated`, `agent_removed`): one
 * shape whether the platform API or the agents API made it.
 */
export const membershipEvent = (
  name: string,
  actor: Actor,
  { account_id, user_id, role }: Membership,
  data: Record<string, unknown> = {},
) =>
  changeEvent(
    name,
    actor,
    account_id,
    { type: 'user', id: user_id },
    {
      account_user: { account_id, user_id, role },
      ...data,
    },
  );
