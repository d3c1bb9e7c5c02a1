import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateRsaSigningKey } from './dev-auth';

/** The local data folder `npm start` keeps (git-ignored). */
export const LOCAL_DATA_DIR = resolve(__dirname, '../../.local-data');

export interface LocalKeys {
  /** RSA private JWK that signs parent sessions (KMS does this in AWS). */
  PARENT_SIGNING_KEY: string;
  /** RSA private JWK of the dev staff issuer (the Cognito pool in AWS). */
  LOCAL_STAFF_SIGNING_KEY: string;
}

/** Fresh keys for one run (tests, bench). */
export async function ephemeralLocalKeys(): Promise<LocalKeys> {
  return {
    PARENT_SIGNING_KEY: await generateRsaSigningKey('parent'),
    LOCAL_STAFF_SIGNING_KEY: await generateRsaSigningKey('staff'),
  };
}

/**
 * Keys kept in .local-data/ so that tokens survive a restart of `npm start` and so that
 * `npm run token`, a separate process, signs with the keys the server trusts.
 */
export async function persistentLocalKeys(dataDir = LOCAL_DATA_DIR): Promise<LocalKeys> {
  mkdirSync(dataDir, { recursive: true });
  const load = async (file: string, prefix: string) => {
    const path = join(dataDir, file);
    if (!existsSync(path)) writeFileSync(path, await generateRsaSigningKey(prefix), { mode: 0o600 });
    return readFileSync(path, 'utf8');
  };
  return {
    PARENT_SIGNING_KEY: await load('parent-signing-key.rsa.json', 'parent'),
    LOCAL_STAFF_SIGNING_KEY: await load('staff-signing-key.rsa.json', 'staff'),
  };
}
