import { randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import type { FieldProblem } from '../../errors/app-error';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keyLength: number) => Promise<Buffer>;
const keyLength = 32;

/** A salted scrypt digest of the password, as `scrypt$<salt>$<key>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, keyLength);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** The complexity rule passwords follow; the spec already bounds their length. */
export function passwordProblems(password: string): FieldProblem[] {
  const missing = [
    [/[A-Z]/, 'an upper-case letter'],
    [/[a-z]/, 'a lower-case letter'],
    [/[0-9]/, 'a digit'],
    [/[^A-Za-z0-9]/, 'a special character'],
  ]
    .filter(([pattern]) => !(pattern as RegExp).test(password))
    .map(([, what]) => what as string);
  return missing.length === 0 ? [] : [{ attribute: 'password', message: `must contain ${missing.join(', ')}` }];
}
