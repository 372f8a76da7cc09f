import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/teams/{team_id} */
export const deleteTeam: Handler<'deleteTeam'> = async ({ path, member, services }) => {
  await services.teams.delete(memberOf(member), path.team_id);
  return { status: 200 };
};
