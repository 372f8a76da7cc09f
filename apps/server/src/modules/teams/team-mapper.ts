import type { TableRow } from '../../db/tables';
import { isoTime } from '../../http/iso-time';
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

/** A team as it is stored, the form the reference answers an assignment to a team with; teams have no icon here. */
export function toAssignedTeam(team: TableRow<'teams'>): Schemas['AssignedTeam'] {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    allow_auto_assign: Boolean(team.allow_auto_assign),
    account_id: team.account_id,
    created_at: isoTime(team.created_at),
    updated_at: isoTime(team.updated_at),
    icon: '',
    icon_color: '',
  };
}
