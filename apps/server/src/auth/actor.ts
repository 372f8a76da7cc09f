import type { ActorReference } from '../events/domain-event';
import type { Role } from '../modules/account-users/account-user-repository';
import type { AccountRecord } from '../modules/accounts/account-repository';
import type { AgentBotRecord } from '../modules/agent-bots/agent-bot-repository';
import type { ContactRecord } from '../modules/contacts/contact-repository';
import type { PlatformAppRecord } from '../modules/platform-apps/platform-app-repository';
import type { UserRecord } from '../modules/users/user-repository';

/** A user acting inside one of their accounts, with their role there (application API, user token). */
export interface MemberActor {
  kind: 'member';
  account: AccountRecord;
  user: UserRecord;
  role: Role;
  /**
   * For a member of a request, the caller stamp the membership was read under, in a read begun after the request
   * arrived: a read of the account's directory for the same request, by an operation that does not change the
   * directory, may take it instead of reading the stamp again. Absent for a member acting outside a request.
   */
  callerStamp?: number;
}

/** A user acting outside any account, such as reading their own profile. */
export interface UserActor {
  kind: 'user';
  user: UserRecord;
}

/** An agent bot acting with its own token. */
export interface AgentBotActor {
  kind: 'agentBot';
  agentBot: AgentBotRecord;
}

/** An end user acting through the public client API of an inbox. */
export interface ContactActor {
  kind: 'contact';
  account: AccountRecord;
  contact: ContactRecord;
}

/** Work the server does on its own, such as an automation rule; `name` is what activity messages show. */
export interface SystemActor {
  kind: 'system';
  name: string;
}

/** A provisioning system acting through the platform API. */
export interface PlatformAppActor {
  kind: 'platformApp';
  platformApp: PlatformAppRecord;
}

/** Who a service acts for. Events record it; activity messages, audit and automation loop prevention read it. */
export type Actor = MemberActor | UserActor | AgentBotActor | ContactActor | SystemActor | PlatformAppActor;

/** The server itself, acting for its operators: the bootstrap platform app, the command line. */
export const operatorActor: SystemActor = { kind: 'system', name: 'Operator' };

export const isAdministrator = (member: MemberActor): boolean => member.role === 'administrator';

/** The actor as the event log keeps it. */
export function actorReference(actor: Actor): ActorReference {
  switch (actor.kind) {
    case 'member':
    case 'user':
      return { type: 'user', id: actor.user.id };
    case 'agentBot':
      return { type: 'agent_bot', id: actor.agentBot.id };
    case 'contact':
      return { type: 'contact', id: actor.contact.id };
    case 'platformApp':
      return { type: 'platform_app', id: actor.platformApp.id };
    case 'system':
      return { type: 'system', id: null };
  }
}
