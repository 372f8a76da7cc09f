import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type AppOptions, createApp } from './app';
import type { Clock } from './config/clock';
import type { ServerConfig } from './config/config';
import { type Container, createContainer } from './container';
import { connectDatabase, type Database } from './db/connection';
import { migrateLatest } from './db/migrate';
import type { EventConsumer } from './events/domain-event';
import type { AuthFailureLimit } from './http/auth-failure-limit';
import type { ClientApiLimit } from './http/client-api-limit';
import { gracefulCloser } from './http/graceful-close';
import { answerMalformedRequestsInJson } from './http/malformed-requests';
import { localDiskStorage } from './modules/attachments/local-disk-storage';

export interface RunningServer {
  /** The HTTP server; absent in a worker process. */
  server: Server | undefined;
  db: Database;
  /** Where the API answers; absent in a worker process. */
  url: string | undefined;
  container: Container;
  /**
   * Stops gracefully: serves the requests already sent, connections waiting in the kernel's backlog included, then
   * stops the background work and closes the database. What `SIGTERM` runs.
   */
  close(): Promise<void>;
}

/** The Redis the API processes share their counts through, when `REDIS_URL` names one; it must answer at start. */
async function connectRedis(config: ServerConfig, logger: Logger): Promise<Redis | undefined> {
  const counts = config.authFailureLimit > 0 || config.clientApiAddressLimit > 0 || config.clientApiInboxLimit > 0;
  if (!config.redisUrl || !counts) return undefined;
  // Without the offline queue a command fails at once while Redis is away, and the limiter counts in memory meanwhile.
  const redis = new Redis(config.redisUrl, { lazyConnect: true, enableOfflineQueue: false });
  redis.on('error', (error: Error) => logger.warn({ err: error }, 'Redis connection failed'));
  await redis.connect();
  return redis;
}

/** The application options the configuration gives; `redis`, when given, shares the limits' counts. */
export function appOptionsFrom(container: Container, config: ServerConfig, redis?: Redis): AppOptions {
  const authFailureLimit: AuthFailureLimit | undefined =
    config.authFailureLimit === 0
      ? undefined
      : { limit: config.authFailureLimit, windowSeconds: config.authFailureWindowSeconds, ...(redis && { redis }) };
  const limited = config.clientApiAddressLimit > 0 || config.clientApiInboxLimit > 0;
  // A limit of 0 turns that count off: it is then as high as any count gets.
  const clientApiLimit: ClientApiLimit | undefined = limited
    ? {
        perAddress: config.clientApiAddressLimit || Number.MAX_SAFE_INTEGER,
        perInbox: config.clientApiInboxLimit || Number.MAX_SAFE_INTEGER,
        windowSeconds: config.clientApiWindowSeconds,
        ...(redis && { redis }),
      }
    : undefined;
  return {
    container,
    validateResponses: config.validateResponses,
    ...(clientApiLimit && { clientApiLimit }),
    ...(config.publicUrl && { publicUrl: config.publicUrl }),
    corsOrigins: config.corsOrigins,
    ...(authFailureLimit && { authFailureLimit }),
    uploads: { maxFileBytes: config.maxFileUploadBytes },
  };
}

async function listen(container: Container, config: ServerConfig, redis: Redis | undefined): Promise<Server> {
  const app = createApp(appOptionsFrom(container, config, redis));
  return new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, '0.0.0.0', (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
    answerMalformedRequestsInJson(listening);
  });
}

/**
 * Migrates the database, then plays the configured role: the API (which ensures the bootstrap platform app and
 * listens on the port), the background work (the event dispatcher, the reopening of snoozed conversations), or both.
 */
export async function startServer(
  config: ServerConfig,
  logger: Logger,
  options: { clock?: Clock; consumers?: EventConsumer[]; snoozeExpiryIntervalMs?: number } = {},
): Promise<RunningServer> {
  const dispatches = config.role !== 'api';
  const db = connectDatabase(config.databaseUrl, {
    // The consumers given, and the one that fans events out to webhooks.
    dispatchedConsumers: dispatches ? (options.consumers?.length ?? 0) + 1 : 0,
  });
  await migrateLatest(db);
  const container = createContainer({
    db,
    logger,
    ...options,
    eventRetentionSeconds: config.eventRetentionSeconds,
    eventPollIntervalMs: config.eventPollIntervalMs,
    storage: localDiskStorage(config.storagePath),
    attachmentUrlTtlSeconds: config.attachmentUrlTtlSeconds,
    ...(config.secretKeyBase && { secretKeyBase: config.secretKeyBase }),
    ...(config.publicUrl && { publicUrl: config.publicUrl }),
    webhookDelivery: {
      timeoutMs: config.webhookTimeoutMs,
      allowPrivateNetworks: config.webhookAllowPrivateNetworks,
      retryPeriodSeconds: config.webhookRetrySeconds,
    },
  });
  const servesApi = config.role !== 'worker';
  if (servesApi && config.platformAppToken) {
    const platformApp = await container.services.platformApps.ensureWithToken('Bootstrap', config.platformAppToken);
    logger.info({ platformAppId: platformApp.id }, 'platform app for PLATFORM_APP_TOKEN is ready');
  }
  const redis = servesApi ? await connectRedis(config, logger) : undefined;
  const server = servesApi ? await listen(container, config, redis) : undefined;
  const closeServer = server && gracefulCloser(server, { timeoutMs: config.shutdownTimeoutMs });
  if (dispatches) container.startBackgroundWork();
  return {
    server,
    db,
    url: server && `http://localhost:${(server.address() as AddressInfo).port}`,
    container,
    close: async () => {
      try {
        await closeServer?.();
        await container.stopBackgroundWork();
      } finally {
        // Closing the Redis connection fails while Redis is away; the database is closed all the same.
        await redis?.quit().catch(() => redis.disconnect());
        await db.destroy();
      }
    },
  };
}
