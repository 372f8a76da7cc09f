import { accessTokenRepository } from './access-tokens/access-token-repository';
import { accountUserRepository } from './account-users/account-user-repository';
import { accountRepository } from './accounts/account-repository';
import { agentBotRepository } from './agent-bots/agent-bot-repository';
import { inboxRepository } from './inboxes/inbox-repository';
import { platformAppRepository } from './platform-apps/platform-app-repository';
import { userRepository } from './users/user-repository';

/**
 * The repositories one area's service reads or writes in another area, each a factory over a database or a
 * transaction. Services receive them from the container rather than importing another area's queries.
 */
export const repositories = {
  accessTokens: accessTokenRepository,
  accountUsers: accountUserRepository,
  accounts: accountRepository,
  agentBots: agentBotRepository,
  inboxes: inboxRepository,
  platformApps: platformAppRepository,
  users: userRepository,
};

export type Repositories = typeof repositories;
