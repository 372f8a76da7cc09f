import type { Actor, PlatformAppActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { isUniqueViolation } from '../../db/unique-violation';
import { appError, validationError } from '../../errors/app-error';
import { changedAttributes, changeEvent } from '../../events/change-event';
import type { Schemas } from '../../http/schemas';
import type { AccessTokenService } from '../access-tokens/access-token-service';
import { randomToken } from '../access-tokens/random-token';
import type { PlatformAppRecord } from '../platform-apps/platform-app-repository';
import type { PlatformAppService } from '../platform-apps/platform-app-service';
import type { ServiceDependencies } from '../service-dependencies';
import { hashPassword, passwordProblems } from './password';
import type { UserView } from './user-mapper';
import { type UserFields, type UserRecord, userRepository } from './user-repository';

/** A user as events carry it: without the password digest and the realtime token. */
function publicFieldsOf<T extends Partial<UserRecord>>(user: T): Omit<T, 'encrypted_password' | 'pubsub_token'> {
  const { encrypted_password: _password, pubsub_token: _pubsubToken, ...rest } = user;
  return rest;
}

const userEvent = (name: string, actor: Actor, user: UserRecord, data: Record<string, unknown> = {}) =>
  changeEvent(name, actor, null, { type: 'user', id: user.id }, { user: publicFieldsOf(user), ...data });

const emailTaken = () => validationError([{ attribute: 'email', message: 'has already been taken' }]);

/** Users as platform apps provision them, and as they see themselves. */
export function userService(
  { db, clock, events, repositories }: ServiceDependencies,
  platformApps: PlatformAppService,
  accessTokens: AccessTokenService,
) {
  const users = userRepository(db);

  async function viewOf(user: UserRecord): Promise<UserView> {
    const [accessToken, memberships] = await Promise.all([
      repositories.accessTokens(db).tokenOf('User', user.id),
      repositories.accountUsers(db).membershipsOfUser(user.id),
    ]);
    return { user, accessToken: accessToken ?? '', memberships };
  }

  async function findPermitted(platformApp: PlatformAppRecord, userId: number): Promise<UserRecord> {
    const user = await users.findById(userId);
    if (!user) throw appError('RESOURCE_NOT_FOUND');
    await platformApps.assertPermitted(platformApp, 'User', user.id);
    return user;
  }

  /** The columns a create or update input changes; the password is checked and hashed. */
  async function changesFrom(input: Schemas['PlatformUserUpdate']): Promise<Partial<UserFields>> {
    if (input.password !== undefined) {
      const problems = passwordProblems(input.password);
      if (problems.length > 0) throw validationError(problems);
    }
    return {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.display_name !== undefined && { display_name: input.display_name }),
      ...(input.email !== undefined && { email: input.email.toLowerCase() }),
      ...(input.custom_attributes !== undefined && { custom_attributes: input.custom_attributes }),
      ...(input.password !== undefined && { encrypted_password: await hashPassword(input.password) }),
    };
  }

  /**
   * Changes the user in one transaction: `beforeChange` sees the row read again under a lock, so concurrent changes of
   * the user take turns, each checking and comparing with what the change before it committed (see `lockingRowsOf`).
   */
  async function applyChanges(
    actor: Actor,
    user: UserRecord,
    changes: Partial<UserFields>,
    beforeChange: (trx: Database, current: UserRecord) => Promise<void> = async () => {},
  ): Promise<UserRecord> {
    if (changes.email !== undefined && changes.email !== user.email) {
      const owner = await users.findByEmail(changes.email);
      if (owner && owner.id !== user.id) throw emailTaken();
    }
    const now = clock.nowSeconds();
    try {
      return await db.transaction(async (trx) => {
        const current = await userRepository(trx).findById(user.id, { lock: true });
        if (!current) throw appError('RESOURCE_NOT_FOUND');
        await beforeChange(trx, current);
        await userRepository(trx).update(current.id, changes, now);
        const updated = { ...current, ...changes, updated_at: now };
        await events.record(
          trx,
          userEvent('user_updated', actor, updated, {
            changed_attributes: changedAttributes(publicFieldsOf(current), publicFieldsOf(changes)),
          }),
        );
        return updated;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  /** Inserts a user with a fresh pubsub token and issues their access token, inside the caller's transaction. */
  async function insertWithToken(
    actor: Actor,
    trx: Database,
    fields: Pick<UserFields, 'name' | 'display_name' | 'email' | 'encrypted_password' | 'confirmed_at'> &
      Partial<Pick<UserFields, 'custom_attributes'>>,
    now: number,
  ): Promise<UserRecord> {
    const user = await userRepository(trx).insert(
      {
        ...fields,
        email: fields.email.toLowerCase(),
        pubsub_token: randomToken(),
        ui_settings: {},
        message_signature: null,
        custom_attributes: fields.custom_attributes ?? {},
      },
      now,
    );
    await accessTokens.issue('User', user.id, trx);
    await events.record(trx, userEvent('user_created', actor, user));
    return user;
  }

  /** A new confirmed user, granted to the app that creates them in the same transaction. */
  async function insertConfirmed(
    actor: PlatformAppActor,
    changes: Partial<UserFields>,
    input: Schemas['PlatformUserCreate'],
  ): Promise<UserRecord> {
    const now = clock.nowSeconds();
    return db.transaction(async (trx) => {
      const user = await insertWithToken(
        actor,
        trx,
        {
          name: input.name,
          display_name: input.display_name ?? null,
          email: input.email,
          encrypted_password: changes.encrypted_password ?? null,
          confirmed_at: now,
          custom_attributes: input.custom_attributes,
        },
        now,
      );
      await platformApps.grant(actor.platformApp, 'User', user.id, trx);
      return user;
    });
  }

  /**
   * Takes an existing user for the app: one it created, or one no app has claimed; any other is refused (401). The
   * claims are checked and the grant made under the user's lock, so of two apps claiming an unclaimed user at once,
   * the second finds the first's claim.
   */
  async function claim(actor: PlatformAppActor, existing: UserRecord, changes: Partial<UserFields>) {
    const { platformApp } = actor;
    return applyChanges(actor, existing, changes, async (trx, current) => {
      if (await platformApps.isClaimedByAnyApp('User', current.id, trx)) {
        await platformApps.assertPermitted(platformApp, 'User', current.id, trx);
      }
      await platformApps.grant(platformApp, 'User', current.id, trx);
    });
  }

  return {
    viewOf,

    /**
     * The user with this email, or a new unconfirmed one without a password, who signs in with their access token
     * until they confirm. `trx` lets the caller add the user inside its own transaction.
     */
    async findOrCreateUnconfirmed(
      actor: Actor,
      input: { name: string; email: string },
      trx: Database = db,
    ): Promise<UserRecord> {
      const existing = await userRepository(trx).findByEmail(input.email);
      if (existing) return existing;
      return insertWithToken(
        actor,
        trx,
        {
          name: input.name,
          display_name: null,
          email: input.email,
          encrypted_password: null,
          confirmed_at: null,
        },
        clock.nowSeconds(),
      );
    },

    /**
     * Creates a confirmed user, or takes the existing user with this email: one this app created, or one no app has
     * claimed. A user another app created stays out of reach (401).
     */
    async createOrClaim(actor: PlatformAppActor, input: Schemas['PlatformUserCreate']): Promise<UserView> {
      const changes = await changesFrom(input);
      const existing = await users.findByEmail(input.email);
      if (existing) return viewOf(await claim(actor, existing, changes));
      try {
        return viewOf(await insertConfirmed(actor, changes, input));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      // A concurrent request created the user with this email: this one, once that has committed, answers as if it
      // had come second.
      const created = await users.findByEmail(input.email);
      if (!created) throw emailTaken();
      return viewOf(await claim(actor, created, changes));
    },

    async get({ platformApp }: PlatformAppActor, userId: number): Promise<UserView> {
      return viewOf(await findPermitted(platformApp, userId));
    },

    findPermitted,

    async update(actor: PlatformAppActor, userId: number, input: Schemas['PlatformUserUpdate']): Promise<UserView> {
      const user = await findPermitted(actor.platformApp, userId);
      return viewOf(await applyChanges(actor, user, await changesFrom(input)));
    },

    /** Deletes the user with their memberships, token and sign-in links. */
    async delete(actor: PlatformAppActor, userId: number): Promise<void> {
      const user = await findPermitted(actor.platformApp, userId);
      await db.transaction(async (trx) => {
        await repositories.accessTokens(trx).deleteFor('User', [user.id]);
        await platformApps.revokeAll('User', [user.id], trx);
        await userRepository(trx).delete(user.id);
        await events.record(trx, userEvent('user_deleted', actor, user));
      });
    },
  };
}

export type UserService = ReturnType<typeof userService>;
