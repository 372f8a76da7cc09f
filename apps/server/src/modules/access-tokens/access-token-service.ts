import type { Caller } from '../../auth/caller';
import type { Database } from '../../db/connection';
import type { ServiceDependencies } from '../service-dependencies';
import { accessTokenRepository, type TokenOwnerType } from './access-token-repository';
import { randomToken } from './random-token';

/** Issues access tokens and finds who a token belongs to. */
export function accessTokenService({ db, clock, repositories }: ServiceDependencies) {
  const platformApps = repositories.platformApps(db);
  const users = repositories.users(db);
  const agentBots = repositories.agentBots(db);

  return {
    /** Gives the owner a new random token; `database` lets the caller include it in a transaction. */
    async issue(ownerType: TokenOwnerType, ownerId: number, database: Database = db): Promise<string> {
      const token = randomToken();
      await accessTokenRepository(database).insert(ownerType, ownerId, token, clock.nowSeconds());
      return token;
    },

    /**
     * The caller a token stands for, or undefined when no owner has it. User tokens, the most frequent, resolve in one
     * query; the owners of the other kinds take a second one.
     */
    async findCaller(token: string): Promise<Caller | undefined> {
      const owner = await users.findTokenOwner(token);
      if (!owner) return undefined;
      switch (owner.ownerType) {
        case 'PlatformApp': {
          const platformApp = await platformApps.findById(owner.ownerId);
          return platformApp && { kind: 'platformApp', platformApp };
        }
        case 'User':
          return owner.user && { kind: 'user', user: owner.user };
        case 'AgentBot': {
          const agentBot = await agentBots.findById(owner.ownerId);
          return agentBot && { kind: 'agentBot', agentBot };
        }
      }
    },
  };
}

export type AccessTokenService = ReturnType<typeof accessTokenService>;
