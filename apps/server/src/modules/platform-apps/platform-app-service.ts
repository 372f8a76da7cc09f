import { operatorActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import { changeEvent } from '../../events/change-event';
import type { AccessTokenService } from '../access-tokens/access-token-service';
import type { ServiceDependencies } from '../service-dependencies';
import { type PermissibleType, permissibleRepository } from './permissible-repository';
import { type PlatformAppRecord, platformAppRepository } from './platform-app-repository';

export interface CreatedPlatformApp {
  platformApp: PlatformAppRecord;
  token: string;
}

/** Platform apps are made by the server's operators, through the command line or `PLATFORM_APP_TOKEN`. */
const platformAppCreated = (platformApp: PlatformAppRecord) =>
  changeEvent(
    'platform_app_created',
    operatorActor,
    null,
    { type: 'platform_app', id: platformApp.id },
    { platform_app: platformApp },
  );

/** Platform apps, their tokens, and the rule that an app reaches only what it created. */
export function platformAppService(
  { db, clock, events, repositories }: ServiceDependencies,
  accessTokens: AccessTokenService,
) {
  const permissibles = permissibleRepository(db);

  return {
    async create(name: string): Promise<CreatedPlatformApp> {
      return db.transaction(async (trx) => {
        const platformApp = await platformAppRepository(trx).insert(name, clock.nowSeconds());
        const token = await accessTokens.issue('PlatformApp', platformApp.id, trx);
        await events.record(trx, platformAppCreated(platformApp));
        return { platformApp, token };
      });
    },

    /** The platform app that holds `token`, created with it when no app does yet. */
    async ensureWithToken(name: string, token: string): Promise<PlatformAppRecord> {
      const existing = await repositories.accessTokens(db).findByToken(token);
      if (existing && existing.owner_type !== 'PlatformApp') {
        throw new Error('PLATFORM_APP_TOKEN is already the token of a user or an agent bot');
      }
      if (existing) {
        const platformApp = await platformAppRepository(db).findById(existing.owner_id);
        if (platformApp) return platformApp;
      }
      return db.transaction(async (trx) => {
        const now = clock.nowSeconds();
        const platformApp = await platformAppRepository(trx).insert(name, now);
        await repositories.accessTokens(trx).insert('PlatformApp', platformApp.id, token, now);
        await events.record(trx, platformAppCreated(platformApp));
        return platformApp;
      });
    },

    /** Records that the app created this object, so that it may reach it. */
    async grant(platformApp: PlatformAppRecord, type: PermissibleType, id: number, database: Database = db) {
      await permissibleRepository(database).grant(platformApp.id, type, id, clock.nowSeconds());
    },

    /** Throws 401 "Non permissible resource" unless the app created the object. */
    async assertPermitted(
      platformApp: PlatformAppRecord,
      type: PermissibleType,
      id: number,
      database: Database = db,
    ): Promise<void> {
      if (!(await permissibleRepository(database).isGranted(platformApp.id, type, id))) {
        throw appError('NON_PERMISSIBLE_RESOURCE');
      }
    },

    idsPermitted: (platformApp: PlatformAppRecord, type: PermissibleType) =>
      permissibles.idsGranted(platformApp.id, type),

    isClaimedByAnyApp: (type: PermissibleType, id: number, database: Database = db) =>
      permissibleRepository(database).isGrantedToAnyApp(type, id),

    revokeAll: (type: PermissibleType, ids: number[], database: Database = db) =>
      permissibleRepository(database).revokeAll(type, ids),
  };
}

export type PlatformAppService = ReturnType<typeof platformAppService>;
