import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app';
import type { Clock } from './config/clock';
import type { ServerConfig } from './config/config';
import { type Container, createContainer } from './container';
import { connectDatabase, type Database } from './db/connection';
import { migrateLatest } from './db/migrate';
import type { EventConsumer } from './events/domain-event';
import { answerMalformedRequestsInJson } from './http/malformed-requests';

export interface RunningServer {
  /** The HTTP server; absent in a worker process. */
  server: Server | undefined;
  db: Database;
  /** Where the API answers; absent in a worker process. */
  url: string | undefined;
  container: Container;
  close(): Promise<void>;
}

async function listen(container: Container, config: ServerConfig): Promise<Server> {
  const app = createApp({
    container,
    validateResponses: config.validateResponses,
    ...(config.publicUrl && { publicUrl: config.publicUrl }),
  });
  return new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, '0.0.0.0', (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
    answerMalformedRequestsInJson(listening);
  });
}

/**
 * Migrates the database, then plays the configured role: the API (which ensures the bootstrap platform app and
 * listens on the port), the event dispatcher, or both.
 */
export async function startServer(
  config: ServerConfig,
  logger: Logger,
  options: { clock?: Clock; consumers?: EventConsumer[] } = {},
): Promise<RunningServer> {
  const db = connectDatabase(config.databaseUrl);
  await migrateLatest(db);
  const container = createContainer({
    db,
    logger,
    ...options,
    eventRetentionSeconds: config.eventRetentionSeconds,
    eventPollIntervalMs: config.eventPollIntervalMs,
  });
  const servesApi = config.role !== 'worker';
  if (servesApi && config.platformAppToken) {
    const platformApp = await container.services.platformApps.ensureWithToken('Bootstrap', config.platformAppToken);
    logger.info({ platformAppId: platformApp.id }, 'platform app for PLATFORM_APP_TOKEN is ready');
  }
  const server = servesApi ? await listen(container, config) : undefined;
  if (config.role !== 'api') container.dispatcher.start();
  return {
    server,
    db,
    url: server && `http://localhost:${(server.address() as AddressInfo).port}`,
    container,
    close: async () => {
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
      await container.dispatcher.stop();
      await db.destroy();
    },
  };
}
