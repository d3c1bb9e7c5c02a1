import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { config } from '../config';
import { healingCache } from '../healing-cache';

/**
 * Where readable access codes are kept at rest: sealed with envelope encryption, so the student
 * item (and every backup and every function that reads students) holds only ciphertext. Only the
 * functions that must show a code (list, reset, exports) hold the key to open it; redeem and the
 * rest see the keyed hash alone.
 *
 * A sealed code is `v1.<wrapped data key>.<iv>.<ciphertext+tag>` (base64url parts): AES-256-GCM
 * under a data key, the data key wrapped by the key-wrapping port (KMS in AWS, a local master key
 * otherwise). The student's key is the additional authenticated data, so a sealed code copied to
 * another student's item does not open.
 */
export interface KeyWrapper {
  /** A fresh 256-bit data key, in the clear and wrapped. */
  newDataKey(): Promise<{ plaintext: Buffer; wrapped: Buffer }>;
  unwrap(wrapped: Buffer): Promise<Buffer>;
}

export interface CodeVault {
  seal(code: string, studentKey: string): Promise<string>;
  open(sealed: string, studentKey: string): Promise<string>;
}

export function envelopeVault(wrapper: KeyWrapper): CodeVault {
  // One data key per warm instance for sealing; opened keys cached by their wrapped form.
  const sealingKey = healingCache(() => wrapper.newDataKey());
  const opened = new Map<string, Promise<Buffer>>();
  const unwrap = (wrapped: string) => {
    let key = opened.get(wrapped);
    if (!key) {
      key = wrapper.unwrap(Buffer.from(wrapped, 'base64url'));
      key.catch(() => opened.delete(wrapped));
      if (opened.size > 1000) opened.clear();
      opened.set(wrapped, key);
    }
    return key;
  };
  return {
    async seal(code, studentKey) {
      const { plaintext, wrapped } = await sealingKey();
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', plaintext, iv).setAAD(Buffer.from(studentKey));
      const sealed = Buffer.concat([cipher.update(code, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return ['v1', wrapped.toString('base64url'), iv.toString('base64url'), sealed.toString('base64url')].join('.');
    },
    async open(sealed, studentKey) {
      const [version, wrapped, iv, body] = sealed.split('.');
      if (version !== 'v1' || !wrapped || !iv || !body) throw new Error('Not a sealed code');
      const bytes = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', await unwrap(wrapped), Buffer.from(iv, 'base64url')).setAAD(Buffer.from(studentKey));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
    },
  };
}

/** Locally: data keys wrapped with AES-256-GCM under a master key from config (.local-data/). */
export function localKeyWrapper(masterKeyHex: string): KeyWrapper {
  const master = Buffer.from(masterKeyHex, 'hex');
  if (master.length !== 32) throw new Error('CODE_VAULT_KEY must be 32 bytes in hex');
  return {
    async newDataKey() {
      const plaintext = randomBytes(32);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', master, iv);
      const wrapped = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return { plaintext, wrapped };
    },
    async unwrap(wrapped) {
      const decipher = createDecipheriv('aes-256-gcm', master, wrapped.subarray(0, 12));
      decipher.setAuthTag(wrapped.subarray(wrapped.length - 16));
      return Buffer.concat([decipher.update(wrapped.subarray(12, wrapped.length - 16)), decipher.final()]);
    },
  };
}

/** This deployment's vault: KMS in AWS, the local master key otherwise. */
export const codeVault = healingCache<CodeVault>(async () => {
  if (config.CODE_VAULT_KEY) return envelopeVault(localKeyWrapper(config.CODE_VAULT_KEY));
  if (config.CODE_VAULT_KMS_KEY_ID) return envelopeVault((await import('../adapters/kms-key-wrapper')).kmsKeyWrapper(config.CODE_VAULT_KMS_KEY_ID));
  throw new Error('Neither CODE_VAULT_KEY nor CODE_VAULT_KMS_KEY_ID is set');
});
