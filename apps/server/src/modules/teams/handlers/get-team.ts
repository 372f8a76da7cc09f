import type { Handler } from '../../../http/operation-types';
import { toTeam } from '../team-mapper';

/** GET /api/v1/accounts/{account_id}/teams/{team_id} */
export const getTeam: Handler<'getTeam'> = async ({ path, actor, services }) => {
  const team = await services.teams.get(actor, path.team_id);
  return { status: 200, body: toTeam(team) };
};
