import { createHmac, randomBytes } from 'node:crypto';

/**
 * Parent access codes.
 *
 * Rules (from the reset article and our security bar):
 * - 12 symbols of Crockford base32: 60 bits from a CSPRNG, no I, L, O or U to misread.
 * - Shown grouped as XXXX-XXXX-XXXX.
 * - Entered case-insensitively, with or without dashes or spaces; O reads as 0 and I/L as 1,
 *   as Crockford's decoding rules say, so a misread code still works.
 * - Stored for lookup only as a keyed hash (HMAC-SHA256 with a server-side pepper).
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 12;
export const CODE_ENTROPY_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length);

/** A new random code in canonical form (12 symbols, no dashes). */
export function generateAccessCode(): string {
  // 32 symbols = 5 bits each, so slicing random bits is uniform: no modulo bias.
  const bytes = randomBytes(8);
  let bits = bytes.readBigUInt64BE();
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    code += CODE_ALPHABET[Number(bits & 31n)];
    bits >>= 5n;
  }
  return code;
}

/** Canonical form of what a parent typed, or undefined when it cannot be a code. */
export function normalizeAccessCode(input: string): string | undefined {
  const canonical = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (canonical.length !== CODE_LENGTH) return undefined;
  for (const ch of canonical) if (!CODE_ALPHABET.includes(ch)) return undefined;
  return canonical;
}

/** XXXX-XXXX-XXXX, as printed on letters to parents. */
export function formatAccessCode(canonical: string): string {
  return canonical.match(/.{1,4}/g)!.join('-');
}

/** The lookup key: a keyed hash, so a leaked table does not yield working codes by brute force. */
export function hashAccessCode(canonical: string, pepper: string): string {
  return createHmac('sha256', pepper).update(canonical).digest('base64url');
}
