import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../../config/clock';
import type { Database } from '../../db/connection';
import { serverSecretRepository } from './server-secret-repository';

/** The name the generated secret key base is kept under. */
const secretKeyBaseName = 'secret_key_base';

/** What a purpose's key is derived from. */
export interface SecretKeyBaseSource {
  db: Database;
  clock: Clock;
  /** `SECRET_KEY_BASE`; without it, a secret generated once is kept in the database for every process to share. */
  given: string | undefined;
}

/** Gives a key for each purpose, derived from the one secret key base. */
export interface SecretKeys {
  /** The key of one purpose, such as `attachment-links`: a signature made for one purpose verifies for no other. */
  keyFor(purpose: string): Promise<Buffer>;
}

/**
 * The server's keys, each derived from the secret key base with HMAC-SHA256. The base is read from the database
 * once per process, on first use; a failed read is tried again at the next use.
 */
export function secretKeys({ db, clock, given }: SecretKeyBaseSource): SecretKeys {
  let base: Promise<string> | undefined;
  const loadBase = () =>
    serverSecretRepository(db).keep(secretKeyBaseName, randomBytes(64).toString('hex'), clock.nowSeconds());

  async function secretKeyBase(): Promise<string> {
    if (given !== undefined) return given;
    base ??= loadBase().catch((error: unknown) => {
      base = undefined;
      throw error;
    });
    return base;
  }

  // Derived once per purpose: links are signed and checked with them on every request that shows an attachment.
  const keys = new Map<string, Promise<Buffer>>();
  return {
    keyFor(purpose) {
      let key = keys.get(purpose);
      if (!key) {
        key = secretKeyBase().then((secret) => createHmac('sha256', secret).update(purpose).digest());
        keys.set(purpose, key);
        key.catch(() => keys.delete(purpose));
      }
      return key;
    },
  };
}
