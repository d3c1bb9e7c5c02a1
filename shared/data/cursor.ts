import { ValidationError } from '../domain/errors';

type Key = Record<string, string | number>;

/** Opaque pagination cursor: DynamoDB's LastEvaluatedKey, base64url-encoded. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/**
 * Decodes a cursor and checks it points into the partition the caller may read: a cursor is
 * client input, and a forged one must not page into another school's items.
 */
export function decodeCursor(cursor: string | undefined, expected: Key): Key | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError('The cursor is not valid.');
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.values(key).every((v) => typeof v === 'string' || typeof v === 'number') &&
    Object.entries(expected).every(([name, value]) => (key as Key)[name] === value);
  if (!valid) throw new ValidationError('The cursor is not valid.');
  return key as Key;
}
