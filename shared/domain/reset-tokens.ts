import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Password reset links. A token is the account's id and 32 random bytes (256 bits: unguessable
 * without any throttle); only its SHA-256 is stored, so a read of the table cannot reset anyone.
 * A fast hash is right here, unlike for passwords: the secret is random, not chosen by a person.
 */
export interface ResetToken {
  token: string;
  hash: string;
}

export function newResetToken(parentId: string): ResetToken {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${Buffer.from(parentId).toString('base64url')}.${secret}`, hash: hashOf(secret) };
}

/** The account a token names and the hash to compare, or undefined for anything not shaped like a token. */
export function readResetToken(token: string): { parentId: string; hash: string } | undefined {
  const match = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  return { parentId: Buffer.from(match[1]!, 'base64url').toString('utf8'), hash: hashOf(match[2]!) };
}

export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
