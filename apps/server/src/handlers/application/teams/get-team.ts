import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';
import { toTeam } from '../../../modules/teams/team-mapper';

/** GET /api/v1/accounts/{account_id}/teams/{team_id} */
export const getTeam: Handler<'getTeam'> = async ({ path, member, services }) => {
  const team = await services.teams.get(memberOf(member), path.team_id);
  return { status: 200, body: toTeam(team) };
};
