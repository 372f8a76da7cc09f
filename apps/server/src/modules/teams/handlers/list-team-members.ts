import type { Handler } from '../../../http/operation-types';
import { toAgent } from '../../agents/agent-mapper';

/** GET /api/v1/accounts/{account_id}/teams/{team_id}/team_members */
export const listTeamMembers: Handler<'listTeamMembers'> = async ({ path, actor, services }) => {
  const agents = await services.teams.listMembers(actor, path.team_id);
  return { status: 200, body: agents.map(toAgent) };
};
