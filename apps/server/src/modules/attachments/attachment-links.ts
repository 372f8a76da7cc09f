import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../config/clock';
import { appError } from '../../errors/app-error';

/** What a link opens: the file as uploaded, or its thumbnail. */
export type LinkVariant = 'data' | 'thumb';

/** What a valid link names. */
export interface LinkTarget {
  storageKey: string;
  variant: LinkVariant;
  /** Unix seconds after which the link no longer opens the file. */
  expiresAt: number;
}

/**
 * `<storage key>.<variant>.<expiry>.<signature>`: the key as the storage draws them, the expiry in unix seconds, the
 * signature the 43 base64url characters of an HMAC-SHA256.
 */
const signedKeyPattern = /^([A-Za-z0-9_-]{32})\.(data|thumb)\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export interface LinkSignerOptions {
  /** The signing key, derived from the server's secret key base for attachment links alone. */
  key: () => Promise<Buffer>;
  clock: Clock;
  /** How long a link opens its file, at least. */
  ttlSeconds: number;
}

/**
 * Signs and checks the keys of attachment links. A link expires `ttlSeconds` after it is made, rounded up to the next
 * quarter of that lifetime: links made within one quarter are the same, so clients cache the file under one URL.
 */
export function linkSigner({ key, clock, ttlSeconds }: LinkSignerOptions) {
  const quarter = Math.max(1, Math.floor(ttlSeconds / 4));

  const signature = (signingKey: Buffer, storageKey: string, variant: LinkVariant, expiresAt: number) =>
    createHmac('sha256', signingKey).update(`${storageKey}\n${variant}\n${expiresAt}`).digest('base64url');

  return {
    /** A signer of links that expire at the same time, for one response's attachments. */
    async signing(): Promise<(storageKey: string, variant: LinkVariant) => string> {
      const signingKey = await key();
      const expiresAt = Math.ceil((clock.nowSeconds() + ttlSeconds) / quarter) * quarter;
      return (storageKey, variant) =>
        `${storageKey}.${variant}.${expiresAt}.${signature(signingKey, storageKey, variant, expiresAt)}`;
    },

    /**
     * What a signed key names; a 403 for a key this server did not sign (`ATTACHMENT_LINK_INVALID`) or one past its
     * expiry (`ATTACHMENT_LINK_EXPIRED`).
     */
    async verify(signedKey: string): Promise<LinkTarget> {
      const parts = signedKeyPattern.exec(signedKey);
      if (!parts) throw appError('ATTACHMENT_LINK_INVALID');
      const [, storageKey = '', variant, expiry = '', given = ''] = parts;
      const expiresAt = Number(expiry);
      const expected = signature(await key(), storageKey, variant as LinkVariant, expiresAt);
      if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) throw appError('ATTACHMENT_LINK_INVALID');
      if (clock.nowSeconds() >= expiresAt) throw appError('ATTACHMENT_LINK_EXPIRED');
      return { storageKey, variant: variant as LinkVariant, expiresAt };
    },
  };
}

export type LinkSigner = ReturnType<typeof linkSigner>;
