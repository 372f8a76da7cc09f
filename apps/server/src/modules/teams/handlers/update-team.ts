import type { Handler } from '../../../http/operation-types';
import { toTeam } from '../team-mapper';

/** PATCH /api/v1/accounts/{account_id}/teams/{team_id} */
export const updateTeam: Handler<'updateTeam'> = async ({ path, body, actor, services }) => {
  const team = await services.teams.update(actor, path.team_id, body);
  return { status: 200, body: toTeam(team) };
};
