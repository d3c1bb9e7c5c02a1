import { createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { exportJWK, JWK } from 'jose';
import { config } from '../config';
import type { Signer } from './tokens';

const kms = new KMSClient({ region: config.AWS_REGION });

/**
 * ES256 tokens signed by a KMS key, so no private key exists outside KMS. KMS returns a DER
 * ECDSA signature; JWS wants the raw 64-byte r‖s form.
 */
export function kmsSigner(keyId: string): Signer {
  return {
    async sign(payload, audience, ttlSeconds, subject) {
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: 'ES256', typ: 'JWT', kid: keyId.split('/').pop() };
      const claims = { ...payload, iss: config.PARENT_TOKEN_ISSUER, aud: audience, sub: subject, iat: now, exp: now + ttlSeconds };
      const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
      const { Signature } = await kms.send(
        new SignCommand({ KeyId: keyId, Message: Buffer.from(input), MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
      );
      return `${input}.${derToJose(Buffer.from(Signature!)).toString('base64url')}`;
    },
    async publicJwk(): Promise<JWK> {
      const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
      const jwk = await exportJWK(createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' }));
      return { ...jwk, kid: keyId.split('/').pop(), alg: 'ES256', use: 'sig' };
    },
  };
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** DER `SEQUENCE { INTEGER r, INTEGER s }` → 32-byte r ‖ 32-byte s. */
export function derToJose(der: Buffer): Buffer {
  let offset = 2 + (der[1]! & 0x80 ? der[1]! & 0x7f : 0);
  const readInt = () => {
    const length = der[offset + 1]!;
    const value = der.subarray(offset + 2, offset + 2 + length);
    offset += 2 + length;
    const trimmed = value.subarray(Math.max(0, value.length - 32));
    return Buffer.concat([Buffer.alloc(32 - trimmed.length), trimmed]);
  };
  return Buffer.concat([readInt(), readInt()]);
}
