import { createHash, randomBytes } from 'node:crypto';
import type { PlatformAppActor } from '../../auth/actor';
import { unmatchedCredentialError } from '../../errors/app-error';
import { changeEvent } from '../../events/change-event';
import type { ServiceDependencies } from '../service-dependencies';
import type { UserView } from '../users/user-mapper';
import type { UserService } from '../users/user-service';
import { ssoTokenRepository } from './sso-token-repository';

/** How long a single sign-on link stays valid. */
export const ssoLinkLifetimeSeconds = 5 * 60;

// Only a digest is stored, so that a copy of the database does not hold usable sign-in links.
const digestOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Single sign-on links: issued through the platform API, honoured once by `GET /app/login`. */
export function ssoService({ db, clock, events, repositories }: ServiceDependencies, users: UserService) {
  return {
    async issueLink(actor: PlatformAppActor, userId: number, origin: string): Promise<string> {
      const user = await users.findPermitted(actor.platformApp, userId);
      const token = randomBytes(32).toString('hex');
      const now = clock.nowSeconds();
      const expiresAt = now + ssoLinkLifetimeSeconds;
      await db.transaction(async (trx) => {
        await ssoTokenRepository(trx).insert(user.id, digestOf(token), expiresAt, now);
        const subject = { type: 'user', id: user.id };
        await events.record(trx, changeEvent('sso_link_issued', actor, null, subject, { expires_at: expiresAt }));
      });
      const query = new URLSearchParams({ email: user.email, sso_auth_token: token });
      return `${origin}/app/login?${query.toString()}`;
    },

    async signIn(email: string, token: string): Promise<UserView> {
      const user = await repositories.users(db).findByEmail(email);
      if (!user) throw unmatchedCredentialError('INVALID_SSO_LINK');
      await db.transaction(async (trx) => {
        if (!(await ssoTokenRepository(trx).consume(user.id, digestOf(token), clock.nowSeconds()))) {
          throw unmatchedCredentialError('INVALID_SSO_LINK');
        }
        const actor = { kind: 'user', user } as const;
        await events.record(trx, changeEvent('user_signed_in', actor, null, { type: 'user', id: user.id }, {}));
      });
      return users.viewOf(user);
    },
  };
}

export type SsoService = ReturnType<typeof ssoService>;
