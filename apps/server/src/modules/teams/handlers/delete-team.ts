import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/teams/{team_id} */
export const deleteTeam: Handler<'deleteTeam'> = async ({ path, actor, services }) => {
  await services.teams.delete(actor, path.team_id);
  return { status: 200 };
};
