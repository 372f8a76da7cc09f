import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../config/clock';
import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import type { PlatformAppRecord } from '../platform-apps/platform-app-repository';
import type { UserView } from '../users/user-mapper';
import { userRepository } from '../users/user-repository';
import type { UserService } from '../users/user-service';
import { ssoTokenRepository } from './sso-token-repository';

/** How long a single sign-on link stays valid. */
export const ssoLinkLifetimeSeconds = 5 * 60;

// Only a digest is stored, so that a copy of the database does not hold usable sign-in links.
const digestOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Single sign-on links: issued through the platform API, honoured once by `GET /app/login`. */
export function ssoService(db: Database, clock: Clock, users: UserService) {
  const tokens = ssoTokenRepository(db);

  return {
    async issueLink(platformApp: PlatformAppRecord, userId: number, origin: string): Promise<string> {
      const user = await users.findPermitted(platformApp, userId);
      const token = randomBytes(32).toString('hex');
      const now = clock.nowSeconds();
      await tokens.insert(user.id, digestOf(token), now + ssoLinkLifetimeSeconds, now);
      const query = new URLSearchParams({ email: user.email, sso_auth_token: token });
      return `${origin}/app/login?${query.toString()}`;
    },

    async signIn(email: string, token: string): Promise<UserView> {
      const user = await userRepository(db).findByEmail(email);
      if (!user || !(await tokens.consume(user.id, digestOf(token), clock.nowSeconds()))) {
        throw appError('INVALID_SSO_LINK');
      }
      return users.viewOf(user);
    },
  };
}

export type SsoService = ReturnType<typeof ssoService>;
