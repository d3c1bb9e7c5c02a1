import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { exportJWK, importJWK, jwtVerify } from 'jose';
import { defaultPassword, hashPassword, randomTemporaryPassword, verifyPassword } from '../../shared/domain/passwords';
import { passwordProblems } from '../../shared/domain/password-policy';
import { accountState } from '../../shared/domain/account-state';
import { derToJose } from '../../shared/auth/kms-signer';

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
  expect(a).toMatch(/^scrypt\$131072\$8\$1\$/);
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

test('KMS DER signatures convert to JWS form that verifies', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  for (let i = 0; i < 20; i++) {
    const input = `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: `p${i}` })).toString('base64url')}`;
    const der = sign('sha256', Buffer.from(input), createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })));
    const token = `${input}.${derToJose(der).toString('base64url')}`;
    const { payload } = await jwtVerify(token, await importJWK(await exportJWK(publicKey), 'ES256'));
    expect(payload.sub).toBe(`p${i}`);
  }
});
