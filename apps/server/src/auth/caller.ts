import { appError } from '../errors/app-error';
import type { AgentBotRecord } from '../modules/agent-bots/agent-bot-repository';
import type { PlatformAppRecord } from '../modules/platform-apps/platform-app-repository';
import type { UserRecord } from '../modules/users/user-repository';

/** Who is calling, as established from the request's token. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'platformApp'; platformApp: PlatformAppRecord }
  | { kind: 'user'; user: UserRecord }
  | { kind: 'agentBot'; agentBot: AgentBotRecord };

/** The platform app behind a platform-API call; the authentication middleware has already required one. */
export function platformAppOf(caller: Caller): PlatformAppRecord {
  if (caller.kind !== 'platformApp') throw appError('INVALID_PLATFORM_TOKEN');
  return caller.platformApp;
}

/** The user behind a user-token call; the authentication middleware has already required one. */
export function userOf(caller: Caller): UserRecord {
  if (caller.kind !== 'user') throw appError('INVALID_ACCESS_TOKEN');
  return caller.user;
}
