import type { Handler } from '../../../http/operation-types';
import { toAgent } from '../../agents/agent-mapper';

/** POST /api/v1/accounts/{account_id}/teams/{team_id}/team_members */
export const addTeamMembers: Handler<'addTeamMembers'> = async ({ path, body, actor, services }) => {
  const added = await services.teams.addMembers(actor, path.team_id, body.user_ids);
  return { status: 200, body: added.map(toAgent) };
};
