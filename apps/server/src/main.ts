import { loadConfig } from './config/config';
import { createLogger } from './logger';
import { startServer } from './server';

/** `pnpm start`: serves the API until SIGINT or SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const running = await startServer(config, logger);
  const database = config.databaseUrl.split(':')[0];
  if (running.url)
    logger.info({ port: config.port, database, role: config.role }, `Inquirly listening on ${running.url}`);
  else logger.info({ database, role: config.role }, 'Inquirly worker dispatching events');
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    try {
      await running.close();
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
