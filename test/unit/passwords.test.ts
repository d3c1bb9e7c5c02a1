import { generateKeyPairSync, randomBytes, scryptSync, sign } from 'node:crypto';
import { defaultPassword, hashPassword, randomTemporaryPassword, verifyPassword } from '../../shared/domain/passwords';
import { passwordProblems } from '../../shared/domain/password-policy';
import { accountState } from '../../shared/domain/account-state';
import { config, configSchema } from '../../shared/config';
import { kmsSigner } from '../../shared/adapters/kms-token-signer';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { createJwtAuthorizer } from '../../infra/local/jwt-authorizer';
import { readFileSync } from 'node:fs';
import { COMMON_PASSWORDS_FILE, renderCommonPasswords } from '../../infra/write-common-passwords';

describe('default password: last name + first initial, as stored', () => {
  test.each([
    ['Rosa', 'Abbiatici', 'AbbiaticiR'], // the article's example
    ['rosa', 'abbiatici', 'abbiaticir'], // case as stored, never changed
    ['Mary-Kate', 'Smith-Jones', 'Smith-JonesM'], // hyphens kept
    ['Seán', "O'Brien", "O'BrienS"], // apostrophe kept
    ['Émile', 'Dubois', 'DuboisÉ'], // accented initial kept
    ['Lotte', 'van der Berg', 'vanderBergL'], // spaces dropped
    ['  Ana ', ' Silva ', 'SilvaA'], // padding ignored
    ['E\u0301mile', 'Mu\u0308ller', 'MüllerÉ'], // decomposed accents compose (NFC)
    ['李', '王', '王李'],
  ])('%j %j → %j', (first, last, expected) => {
    expect(defaultPassword(first, last)).toBe(expected);
    expect(defaultPassword(first, last)).toBe(expected.normalize('NFC'));
  });

  test.each([['', 'Abbiatici'], ['Rosa', ''], ['Rosa', '   '], ['  ', 'X']])('no default for %j %j', (first, last) => {
    expect(defaultPassword(first, last)).toBeUndefined();
  });
});

describe('new password rules', () => {
  const owner = { firstName: 'Rosa', lastName: 'Abbiatici', userName: 'rabbiatici' };
  test.each([
    ['zq7-vb-k2', ['TOO_SHORT']],
    ['x'.repeat(129), ['TOO_LONG']],
    ['password1234', ['COMMON_PASSWORD']],
    ['my name is Abbiatici!', ['CONTAINS_NAME']],
    ['RAbbiatici-login-2026', ['CONTAINS_NAME', 'CONTAINS_USER_NAME']],
    ['correct horse battery staple', []],
    ['ñandú-über-straße', []], // 17 characters, non-ASCII is fine
    ['🙂'.repeat(12), []], // counted as 12 characters, not 24 code units
  ])('%j → %j', (password, problems) => {
    expect(passwordProblems(password, owner)).toEqual(problems);
  });
});

test('scrypt hashes are salted, verify the right password only, and keep their parameters', async () => {
  const [a, b] = await Promise.all([hashPassword('AbbiaticiR'), hashPassword('AbbiaticiR')]);
  expect(a).not.toBe(b);
  expect(a).toMatch(new RegExp(`^scrypt\\$${2 ** config.PASSWORD_SCRYPT_LOG2N}\\$8\\$1\\$`));
  expect(a).not.toContain('AbbiaticiR');
  expect(await verifyPassword('AbbiaticiR', a)).toBe(true);
  expect(await verifyPassword('abbiaticir', a)).toBe(false);
  expect(await verifyPassword('AbbiaticiR', 'garbage')).toBe(false);
});

test('random temporary passwords are 16 symbols and distinct', () => {
  const passwords = Array.from({ length: 1000 }, randomTemporaryPassword);
  for (const p of passwords) expect(p).toMatch(/^[2-9A-HJKMNP-TV-Zab]{4}(-[2-9A-HJKMNP-TV-Zab]{4}){3}$/);
  expect(new Set(passwords).size).toBe(1000);
});

test('account state follows lock, temporary password, then permanent password', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  expect(accountState({}, now)).toBe('never-signed-in');
  expect(accountState({ passwordHash: 'h' }, now)).toBe('active');
  expect(accountState({ passwordHash: 'h', tempPassword: {} }, now)).toBe('must-change-password');
  expect(accountState({ tempPassword: {}, lockedUntil: '2026-01-01T00:10:00Z' }, now)).toBe('locked');
  expect(accountState({ passwordHash: 'h', lockedUntil: '2025-12-31T23:00:00Z' }, now)).toBe('active');
});

// Finding: "parent routes cannot work in AWS" (ES256 from a P-256 KMS key). The KMS signer now
// asks KMS for RSASSA_PKCS1_V1_5_SHA_256, whose raw signature is the RS256 JWS signature. KMS is
// simulated with node:crypto (there is no KMS without AWS); the token must pass the local
// authorizer, which applies API Gateway's rules.
test('parent routes cannot work in AWS: KMS-signed parent tokens are RS256 and pass the JWT authorizer rules', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const algorithms: unknown[] = [];
  const send = jest.spyOn(KMSClient.prototype, 'send').mockImplementation(async (command: any) => {
    if (command instanceof SignCommand) {
      algorithms.push(command.input.SigningAlgorithm);
      return { Signature: sign('sha256', Buffer.from(command.input.Message as Uint8Array), privateKey) };
    }
    if (command instanceof GetPublicKeyCommand) return { PublicKey: publicKey.export({ format: 'der', type: 'spki' }) };
    throw new Error('unexpected KMS call');
  });
  try {
    const signer = kmsSigner('arn:aws:kms:us-east-1:000000000000:key/k-123');
    const token = await signer.sign({ district: 'd1', role: 'parent', sv: 0 }, 'parent-access-api', 600, 'p1');
    const jwk = await signer.publicJwk();
    expect(jwk).toMatchObject({ kty: 'RSA', kid: 'k-123', alg: 'RS256' });
    const authorize = createJwtAuthorizer({ issuer: 'parent-access-local', audiences: ['parent-access-api'], jwks: () => [jwk] });
    const verdict = await authorize(`Bearer ${token}`);
    expect(verdict).toMatchObject({ ok: true, claims: { sub: 'p1', role: 'parent', iss: 'parent-access-local' } });
    expect(algorithms).toEqual(['RSASSA_PKCS1_V1_5_SHA_256']);
  } finally {
    send.mockRestore();
  }
});

test('production cost is OWASP scrypt N=2^17, r=8, p=1, and such hashes verify whatever the configured cost', async () => {
  expect(configSchema.parse({}).PASSWORD_SCRYPT_LOG2N).toBe(17);
  const salt = randomBytes(16);
  const key = scryptSync('AbbiaticiR', salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
  const stored = ['scrypt', 2 ** 17, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
  expect(await verifyPassword('AbbiaticiR', stored)).toBe(true);
});

test('the committed common-password list is the pinned package’s, cut to passwords the length rule lets through', () => {
  expect(readFileSync(COMMON_PASSWORDS_FILE, 'utf8')).toBe(renderCommonPasswords());
});
