import type { Schemas } from '../../http/schemas';
import type { AgentRecord } from './agent-repository';

/** A user as an agent of one account. */
export function toAgent(agent: AgentRecord): Schemas['Agent'] {
  return {
    id: agent.id,
    uid: agent.email,
    name: agent.name,
    display_name: agent.display_name,
    available_name: agent.display_name || agent.name,
    email: agent.email,
    account_id: agent.account_id,
    role: agent.role,
    confirmed: agent.confirmed_at !== null,
    availability_status: agent.availability,
    auto_offline: agent.auto_offline,
    thumbnail: '',
    custom_attributes: agent.custom_attributes,
  };
}
