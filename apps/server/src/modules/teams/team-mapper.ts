import type { Schemas } from '../../http/schemas';
import type { TeamRecord } from './team-repository';

/** A team as the caller sees it. */
export function toTeam(team: TeamRecord): Schemas['Team'] {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    allow_auto_assign: team.allow_auto_assign,
    account_id: team.account_id,
    is_member: team.is_member,
  };
}
