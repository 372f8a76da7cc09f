import type { Handler } from '../../../http/operation-types';
import { toAgent } from '../../agents/agent-mapper';

/** PATCH /api/v1/accounts/{account_id}/teams/{team_id}/team_members */
export const updateTeamMembers: Handler<'updateTeamMembers'> = async ({ path, body, actor, services }) => {
  const members = await services.teams.replaceMembers(actor, path.team_id, body.user_ids);
  return { status: 200, body: members.map(toAgent) };
};
