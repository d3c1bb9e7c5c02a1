import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A software WebAuthn authenticator for the integration tests: P-256 keys from node:crypto, a
 * minimal CBOR encoder, "none" attestation, and the JSON that @simplewebauthn/browser would send
 * (W3C Web Authentication §6.1 authenticator data, §6.5 attestation, §6.3.3 assertions). It
 * holds discoverable credentials, as a platform authenticator does.
 */

type Cbor = number | string | Buffer | Cbor[] | Map<Cbor, Cbor> | { [key: string]: Cbor };

/** RFC 8949 encoding of what the tests need: integers, byte and text strings, arrays and maps. */
export function cbor(value: Cbor): Buffer {
  const head = (major: number, n: number) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
    if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value, 'utf8')]);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const FLAG = { userPresent: 0x01, userVerified: 0x04, attested: 0x40 };
const b64url = (bytes: Buffer) => bytes.toString('base64url');
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

export interface SoftCredential {
  id: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  userHandle: Buffer;
  counter: number;
}

export interface Gesture {
  /** Whether the authenticator says it verified the user (PIN, biometric). */
  userVerified?: boolean;
  /** The signature counter to report (defaults to one more than last time). */
  counter?: number;
  /** Overrides of the client data (a wrong origin, type or challenge). */
  clientData?: Record<string, unknown>;
  /** The RP ID to hash into the authenticator data. */
  rpId?: string;
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];

  constructor(readonly origin: string, readonly rpId: string) {}

  /** navigator.credentials.create with the API's creation options: a new discoverable credential. */
  create(options: { challenge: string; user: { id: string } }, gesture: Gesture = {}) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const credential: SoftCredential = { id: randomBytes(16), privateKey, publicKey, userHandle: Buffer.from(options.user.id, 'base64url'), counter: gesture.counter ?? 0 };
    this.credentials.push(credential);
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = cbor(new Map<Cbor, Cbor>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, 'base64url')], [-3, Buffer.from(jwk.y!, 'base64url')]]));
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credential.id.length);
    const authData = Buffer.concat([this.authDataHead(gesture, FLAG.attested, credential.counter), Buffer.alloc(16), idLength, credential.id, cose]);
    const clientDataJSON = this.clientData('webauthn.create', options.challenge, gesture);
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key' as const,
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(cbor({ fmt: 'none', attStmt: {}, authData })), transports: ['internal'] },
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: {},
    };
  }

  /** navigator.credentials.get with the API's request options, answered with `credential` (the last one by default). */
  get(options: { challenge: string }, credential: SoftCredential = this.credentials.at(-1)!, gesture: Gesture = {}) {
    credential.counter = gesture.counter ?? credential.counter + 1;
    const authData = this.authDataHead(gesture, 0, credential.counter);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, gesture);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key' as const,
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature), userHandle: b64url(credential.userHandle) },
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: {},
    };
  }

  private authDataHead(gesture: Gesture, extraFlags: number, counter: number): Buffer {
    const flags = FLAG.userPresent | (gesture.userVerified === false ? 0 : FLAG.userVerified) | extraFlags;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(gesture.rpId ?? this.rpId), Buffer.from([flags]), count]);
  }

  private clientData(type: string, challenge: string, gesture: Gesture): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false, ...gesture.clientData }));
  }
}
