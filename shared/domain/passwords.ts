import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { config } from '../config';

/**
 * The default password the article describes: last name + first initial, exactly as stored,
 * case kept (`Abbiatici` + `Rosa` → `AbbiaticiR`). Our reading of its edge cases:
 * - hyphens, apostrophes and accents are kept as stored (`O'Brien-Smith` + `Émile` → `O'Brien-SmithÉ`);
 * - spaces are dropped, since a password read over the phone can't carry them (`van der Berg` → `vanderBerg`);
 * - text is NFC-normalized, so an accent typed as two code points equals the composed one;
 * - the initial is the first user-perceived character (grapheme) of the first name;
 * - an empty last or first name has no default: undefined, and the caller refuses with a clear error.
 */
export function defaultPassword(firstName: string, lastName: string): string | undefined {
  const last = lastName.normalize('NFC').replace(/\s+/gu, '');
  const first = firstName.normalize('NFC').trim();
  const initial = first ? new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(first)[Symbol.iterator]().next().value?.segment : undefined;
  if (!last || !initial) return undefined;
  return last + initial;
}

/** A random temporary password for schools whose policy is `random`: 80 bits, easy to read out. */
export function randomTemporaryPassword(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZab';
  const bytes = randomBytes(16);
  let out = '';
  for (const byte of bytes) out += alphabet[byte & 31];
  return out.match(/.{4}/g)!.join('-');
}

/**
 * scrypt at OWASP's recommended cost (N=2^17, r=8, p=1: 128 MiB per hash) unless config lowers
 * it (tests). Node's default maxmem (32 MiB) is too small for that, so it is raised explicitly.
 */
const SCRYPT = { N: 2 ** config.PASSWORD_SCRYPT_LOG2N, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
const KEY_LENGTH = 32;

/** How many scrypt derivations this process ran: tests count hashes instead of timing them. */
export const hashingStats = { derivations: 0 };

function derive(password: string, salt: Buffer, params = SCRYPT): Promise<Buffer> {
  hashingStats.derivations++;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, params, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Shaped like a stored hash at today's cost, with a random key nothing derives to. */
const DECOY = ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, randomBytes(16).toString('base64url'), randomBytes(KEY_LENGTH).toString('base64url')].join('$');

/**
 * Verifies against a throwaway hash, so an attempt that has no real hash to check (unknown user
 * name, locked account, spent temporary password) costs the same one hash as any other.
 */
export async function spendVerificationTime(password: string): Promise<void> {
  await verifyPassword(password, DECOY);
}
