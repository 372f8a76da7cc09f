import { randomBytes } from 'node:crypto';

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random token of `length` characters from an alphabet without look-alike characters. */
export function randomToken(length = 24): string {
  const bytes = randomBytes(length * 2);
  let token = '';
  for (const byte of bytes) {
    // Rejecting bytes past the largest multiple of the alphabet's size keeps every character equally likely.
    if (byte < 256 - (256 % alphabet.length)) token += alphabet[byte % alphabet.length];
    if (token.length === length) return token;
  }
  return token + randomToken(length - token.length);
}
