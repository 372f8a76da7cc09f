import path from 'node:path';

/**
 * What a process does: `api` serves HTTP, `worker` does the background work (hands recorded events to their
 * consumers, reopens snoozed conversations whose time has come), `all` (the embedded default) does both. At scale
 * several API and worker processes share one PostgreSQL database.
 */
export type ProcessRole = 'api' | 'worker' | 'all';

const processRoles: readonly ProcessRole[] = ['api', 'worker', 'all'];

export interface ServerConfig {
  role: ProcessRole;
  port: number;
  databaseUrl: string;
  platformAppToken: string | undefined;
  logLevel: string;
  /** Origin used in links the server hands out; defaults to the origin of the request that asks for one. */
  publicUrl: string | undefined;
  /** Responses are validated against the spec everywhere but in production, where it would cost every request. */
  validateResponses: boolean;
  /** How long handled domain events stay in the log before they are pruned, in seconds. */
  eventRetentionSeconds: number;
  /** How often a worker looks for events recorded by other processes, in milliseconds. */
  eventPollIntervalMs: number;
  /** Origins whose browsers may call the application and platform APIs (none by default). */
  corsOrigins: string[];
  /** Failed authentications an address may make per window before it is refused; 0 turns the limit off. */
  authFailureLimit: number;
  authFailureWindowSeconds: number;
  /** Requests the client API takes per window from one address, and to one inbox from all; 0 turns either off. */
  clientApiAddressLimit: number;
  clientApiInboxLimit: number;
  clientApiWindowSeconds: number;
  /** Redis that API processes share their counts of failed authentications through; each counts alone without it. */
  redisUrl: string | undefined;
  /** How long a shutdown waits for requests in flight before it closes their connections, in milliseconds. */
  shutdownTimeoutMs: number;
  /** The folder attachments are kept in. */
  storagePath: string;
  /** The largest file an upload may carry, in bytes. */
  maxFileUploadBytes: number;
  /** How long a link to an attachment opens it, in seconds. */
  attachmentUrlTtlSeconds: number;
  /** The secret server keys are derived from; without it, one generated once is kept in the database. */
  secretKeyBase: string | undefined;
  /** How long a delivery's connection and answer may take, in milliseconds (`WEBHOOK_TIMEOUT`, in seconds). */
  webhookTimeoutMs: number;
  /** Whether deliveries may reach loopback, private and link-local addresses. */
  webhookAllowPrivateNetworks: boolean;
  /** How long a webhook's or an API inbox's delivery is retried before it is given up, in seconds. */
  webhookRetrySeconds: number;
}

/** A yes-or-no setting: `true` or `1` turns it on; anything else set is refused. */
function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const given = env[name];
  if (given === undefined || given === '' || given === 'false' || given === '0') return false;
  if (given === 'true' || given === '1') return true;
  throw new Error(`${name} must be true or false, got "${given}"`);
}

/** A whole number of at least `minimum` from the environment, or the default when it is not set. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum: number): number {
  const given = env[name];
  if (given === undefined || given === '') return fallback;
  const value = Number(given);
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(`${name} must be a whole number of at least ${minimum}, got "${given}"`);
  }
  return value;
}

/** `CORS_ORIGINS`: comma-separated origins such as `https://app.example.com`, each exactly an origin. */
function originList(env: NodeJS.ProcessEnv): string[] {
  const origins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (parsed?.origin !== origin) {
      throw new Error(`CORS_ORIGINS must list origins such as https://app.example.com, got "${origin}"`);
    }
  }
  return origins;
}

const defaultDatabaseFile = path.join('data', 'inquirly.sqlite3');
/** Where attachments are kept unless `STORAGE_PATH` says otherwise. */
export const defaultStorageFolder = path.join('data', 'storage');

/** How long a link to an attachment opens it unless `ATTACHMENT_URL_TTL_SECONDS` says otherwise. */
export const defaultAttachmentUrlTtlSeconds = 3600;

/** A secret shorter than this is refused: signatures keyed with it could be forged by trying keys. */
const minimumSecretLength = 32;

/** `SECRET_KEY_BASE`, when set, long enough to key signatures with. */
function secretKeyBaseOf(env: NodeJS.ProcessEnv): string | undefined {
  const secret = env.SECRET_KEY_BASE;
  if (secret === undefined || secret === '') return undefined;
  if (secret.length < minimumSecretLength) {
    throw new Error(`SECRET_KEY_BASE must be at least ${minimumSecretLength} characters long`);
  }
  return secret;
}

/** Reads the configuration from the environment, with the defaults a fresh checkout needs. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  const role = (env.INQUIRLY_ROLE || 'all') as ProcessRole;
  if (!processRoles.includes(role)) {
    throw new Error(`INQUIRLY_ROLE must be one of ${processRoles.join(', ')}, got "${env.INQUIRLY_ROLE}"`);
  }
  return {
    role,
    port,
    databaseUrl: env.DATABASE_URL || `sqlite:${defaultDatabaseFile}`,
    platformAppToken: env.PLATFORM_APP_TOKEN || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    validateResponses: env.NODE_ENV !== 'production',
    eventRetentionSeconds: wholeNumber(env, 'EVENT_RETENTION_HOURS', 7 * 24, 1) * 3600,
    eventPollIntervalMs: wholeNumber(env, 'EVENT_POLL_INTERVAL_MS', 1000, 10),
    corsOrigins: originList(env),
    authFailureLimit: wholeNumber(env, 'AUTH_FAILURE_LIMIT', 20, 0),
    authFailureWindowSeconds: wholeNumber(env, 'AUTH_FAILURE_WINDOW_SECONDS', 60, 1),
    clientApiAddressLimit: wholeNumber(env, 'CLIENT_API_ADDRESS_LIMIT', 1200, 0),
    clientApiInboxLimit: wholeNumber(env, 'CLIENT_API_INBOX_LIMIT', 6000, 0),
    clientApiWindowSeconds: wholeNumber(env, 'CLIENT_API_WINDOW_SECONDS', 60, 1),
    redisUrl: env.REDIS_URL || undefined,
    shutdownTimeoutMs: wholeNumber(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0),
    storagePath: env.STORAGE_PATH || defaultStorageFolder,
    maxFileUploadBytes: wholeNumber(env, 'MAXIMUM_FILE_UPLOAD_SIZE', 40, 1) * 1024 * 1024,
    attachmentUrlTtlSeconds: wholeNumber(env, 'ATTACHMENT_URL_TTL_SECONDS', defaultAttachmentUrlTtlSeconds, 60),
    secretKeyBase: secretKeyBaseOf(env),
    webhookTimeoutMs: wholeNumber(env, 'WEBHOOK_TIMEOUT', 5, 1) * 1000,
    webhookAllowPrivateNetworks: flag(env, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS'),
    webhookRetrySeconds: wholeNumber(env, 'WEBHOOK_RETRY_HOURS', 24, 1) * 3600,
  };
}
