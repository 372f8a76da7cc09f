import path from 'node:path';

export interface ServerConfig {
  port: number;
  databaseUrl: string;
  platformAppToken: string | undefined;
  logLevel: string;
  /** Origin used in links the server hands out; defaults to the origin of the request that asks for one. */
  publicUrl: string | undefined;
  /** Responses are validated against the spec everywhere but in production, where it would cost every request. */
  validateResponses: boolean;
}

const defaultDatabaseFile = path.join('data', 'inquirly.sqlite3');

/** Reads the configuration from the environment, with the defaults a fresh checkout needs. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  return {
    port,
    databaseUrl: env.DATABASE_URL || `sqlite:${defaultDatabaseFile}`,
    platformAppToken: env.PLATFORM_APP_TOKEN || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    validateResponses: env.NODE_ENV !== 'production',
  };
}
