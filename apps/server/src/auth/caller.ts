import type { AgentBotRecord } from '../modules/agent-bots/agent-bot-repository';
import type { PlatformAppRecord } from '../modules/platform-apps/platform-app-repository';
import type { UserRecord } from '../modules/users/user-repository';

/** Whom a request's token belongs to. */
export type Caller =
  | { kind: 'platformApp'; platformApp: PlatformAppRecord }
  | { kind: 'user'; user: UserRecord }
  | { kind: 'agentBot'; agentBot: AgentBotRecord };
