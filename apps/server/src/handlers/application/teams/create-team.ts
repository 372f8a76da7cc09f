import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';
import { toTeam } from '../../../modules/teams/team-mapper';

/** POST /api/v1/accounts/{account_id}/teams */
export const createTeam: Handler<'createTeam'> = async ({ body, member, services }) => {
  const team = await services.teams.create(memberOf(member), body);
  return { status: 200, body: toTeam(team) };
};
