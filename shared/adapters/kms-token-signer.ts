import { createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { exportJWK, JWK } from 'jose';
import { config } from '../config';
import { PARENT_TOKEN_ALG, type Signer } from '../ports/token-signer';

const kms = new KMSClient({ region: config.AWS_REGION });

/**
 * RS256 tokens signed by a KMS RSA key (`RSA_2048`, `SIGN_VERIFY`), so no private key exists
 * outside KMS. KMS's RSASSA_PKCS1_V1_5_SHA_256 signature is exactly the JWS RS256 signature.
 * The `kid` is the key id, which is what the JWKS publishes.
 */
export function kmsSigner(keyId: string): Signer {
  const kid = keyId.split('/').pop()!;
  return {
    async sign(payload, audience, ttlSeconds, subject) {
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: PARENT_TOKEN_ALG, typ: 'JWT', kid };
      const claims = { ...payload, iss: config.PARENT_TOKEN_ISSUER, aud: audience, sub: subject, iat: now, exp: now + ttlSeconds };
      const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
      const { Signature } = await kms.send(
        new SignCommand({ KeyId: keyId, Message: Buffer.from(input), MessageType: 'RAW', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }),
      );
      return `${input}.${Buffer.from(Signature!).toString('base64url')}`;
    },
    async publicJwk(): Promise<JWK> {
      const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
      const { kty, n, e } = await exportJWK(createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' }));
      return { kty, n, e, kid, alg: PARENT_TOKEN_ALG, use: 'sig' };
    },
  };
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');
