import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/teams/{team_id}/team_members */
export const removeTeamMembers: Handler<'removeTeamMembers'> = async ({ path, body, member, services }) => {
  await services.teams.removeMembers(memberOf(member), path.team_id, body.user_ids);
  return { status: 200 };
};
