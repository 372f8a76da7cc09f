import type { Database } from '../../db/connection';

export function ssoTokenRepository(db: Database) {
  return {
    async insert(userId: number, tokenDigest: string, expiresAt: number, now: number): Promise<void> {
      await db('sso_login_tokens').insert({
        user_id: userId,
        token_digest: tokenDigest,
        expires_at: expiresAt,
        used_at: null,
        created_at: now,
      });
    },

    /**
     * Spends an unused, unexpired token of the user. The conditional update makes the token single-use even when two
     * requests present it at once: only one of them changes the row.
     */
    async consume(userId: number, tokenDigest: string, now: number): Promise<boolean> {
      const changed = await db('sso_login_tokens')
        .where({ user_id: userId, token_digest: tokenDigest })
        .whereNull('used_at')
        .where('expires_at', '>', now)
        .update({ used_at: now });
      return changed === 1;
    },
  };
}
