import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/teams/{team_id}/team_members */
export const removeTeamMembers: Handler<'removeTeamMembers'> = async ({ path, body, actor, services }) => {
  await services.teams.removeMembers(actor, path.team_id, body.user_ids);
  return { status: 200 };
};
