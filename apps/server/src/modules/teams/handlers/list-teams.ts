import type { Handler } from '../../../http/operation-types';
import { toTeam } from '../team-mapper';

/** GET /api/v1/accounts/{account_id}/teams */
export const listTeams: Handler<'listTeams'> = async ({ actor, services }) => {
  const teams = await services.teams.list(actor);
  return { status: 200, body: teams.map(toTeam) };
};
