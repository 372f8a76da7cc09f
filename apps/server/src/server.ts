import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app';
import type { Clock } from './config/clock';
import type { ServerConfig } from './config/config';
import { connectDatabase, type Database } from './db/connection';
import { migrateLatest } from './db/migrate';
import { createServices } from './services';

export interface RunningServer {
  server: Server;
  db: Database;
  url: string;
  close(): Promise<void>;
}

/** Migrates the database, ensures the bootstrap platform app, and listens on the configured port. */
export async function startServer(config: ServerConfig, logger: Logger, clock?: Clock): Promise<RunningServer> {
  const db = connectDatabase(config.databaseUrl);
  await migrateLatest(db);
  if (config.platformAppToken) {
    const platformApp = await createServices(db).platformApps.ensureWithToken('Bootstrap', config.platformAppToken);
    logger.info({ platformAppId: platformApp.id }, 'platform app for PLATFORM_APP_TOKEN is ready');
  }
  const app = createApp({
    db,
    logger,
    ...(clock && { clock }),
    validateResponses: config.validateResponses,
    ...(config.publicUrl && { publicUrl: config.publicUrl }),
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, '0.0.0.0', (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    db,
    url: `http://localhost:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
    },
  };
}
