import type { Handler } from '../../../http/operation-types';
import { toTeam } from '../team-mapper';

/** POST /api/v1/accounts/{account_id}/teams */
export const createTeam: Handler<'createTeam'> = async ({ body, actor, services }) => {
  const team = await services.teams.create(actor, body);
  return { status: 200, body: toTeam(team) };
};
