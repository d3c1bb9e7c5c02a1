import { z } from 'zod';
import type { RouteSpec } from '../route';
import { id, plainText, session, timestamp } from '../schemas';

/*
 * WebAuthn's JSON forms (W3C Web Authentication Level 3, "RegistrationResponseJSON" and
 * "AuthenticationResponseJSON", as @simplewebauthn/browser sends them), bounded so nothing
 * unbounded reaches the verifier. Unknown members are dropped, not refused: browsers add some.
 */
const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url');
/** Credential ids are at most 1,023 bytes (WebAuthn §5.8.3), 1,364 characters in base64url. */
const credentialId = base64url(1366);
const transport = z.string().regex(/^[a-z-]{1,32}$/);
const attachment = z.enum(['platform', 'cross-platform']).optional();
const extensionResults = z.record(z.unknown()).optional().describe('Ignored: no extension is asked for');

const registrationResponse = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url(4096),
    attestationObject: base64url(16_384),
    authenticatorData: base64url(8192).optional(),
    transports: z.array(transport).max(8).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url(4096).optional(),
  }),
  authenticatorAttachment: attachment,
  clientExtensionResults: extensionResults,
});

const authenticationResponse = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url(4096),
    authenticatorData: base64url(8192),
    signature: base64url(2048),
    userHandle: base64url(128).optional().describe("The account's id, as the passkey was registered with it"),
  }),
  authenticatorAttachment: attachment,
  clientExtensionResults: extensionResults,
});

const challengeAnswer = (what: string) =>
  z.object({
    challengeId: id.describe('Send it back with the answer: each challenge works once'),
    expiresAt: timestamp,
    options: z.object({ challenge: z.string() }).passthrough().describe(what),
  });

export const passkeyRow = z.object({
  passkeyId: id,
  name: z.string(),
  createdAt: timestamp,
  lastUsedAt: timestamp.optional(),
  transports: z.array(z.string()).optional(),
  backedUp: z.boolean().optional().describe('The authenticator syncs it (a password manager or a phone account), so it survives a lost device'),
});

const exampleCredential = 'AAECAwQFBgcICQoLDA0ODw';
const signInExample = {
  district: 'springfield',
  challengeId: 'q1w2e3r4t5y6u7i8o9p0aa',
  response: {
    id: exampleCredential, rawId: exampleCredential, type: 'public-key',
    response: { clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0', authenticatorData: 'SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ', signature: 'MEUCIQDx', userHandle: 'cDAwMDA' },
    clientExtensionResults: {},
  },
};

/** Parents' passkeys (WebAuthn): register after sign-in or at activation, sign in with one, list and remove them. */
export const passkeyRoutes = {
  'passkey-registration-options': {
    method: 'POST', path: '/me/passkeys/options', entry: 'functions/passkeys/passkey-registration-options.ts', auth: 'parent',
    response: {
      status: 200,
      schema: challengeAnswer('PublicKeyCredentialCreationOptionsJSON, for navigator.credentials.create (startRegistration): a discoverable credential with user verification, the account\'s passkeys excluded'),
      description: 'A single-use registration challenge for the calling parent, and the options to create a passkey with',
    },
    errors: [409],
    usesPortalUrl: true,
    tables: { parents: ['GetItem'], challenges: ['PutItem'] },
    summary: 'Start adding a passkey to my account',
    description: '409 PASSKEY_LIMIT when the account holds its 10 passkeys already. The challenge lasts 5 minutes and works once.',
  },
  'register-passkey': {
    method: 'POST', path: '/me/passkeys', entry: 'functions/passkeys/register-passkey.ts', auth: 'parent',
    request: {
      body: z.strictObject({
        challengeId: id,
        name: plainText(z.string().trim().min(1).max(64)).optional().describe('Defaults to "Passkey N"'),
        response: registrationResponse,
      }),
    },
    response: { status: 201, schema: z.object({ passkey: passkeyRow }), description: 'The passkey is on the account; it signs in from now on' },
    errors: [409],
    example: {
      body: {
        challengeId: 'q1w2e3r4t5y6u7i8o9p0aa',
        name: 'My phone',
        response: {
          id: exampleCredential, rawId: exampleCredential, type: 'public-key',
          response: { clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0', attestationObject: 'o2NmbXRkbm9uZQ', transports: ['internal'] },
          clientExtensionResults: {},
        },
      },
    },
    usesPortalUrl: true,
    tables: { parents: ['GetItem', 'UpdateItem'], challenges: ['DeleteItem'], audit: ['PutItem'] },
    summary: 'Add a passkey: verify the authenticator\'s answer to my registration challenge and keep its public key',
    description:
      '400 PASSKEY_NOT_VERIFIED when the challenge was used, expired or is not this account\'s, or the answer does not verify (user verification is required). ' +
      '409 PASSKEY_LIMIT (10 per account) or PASSKEY_EXISTS. Audited as parent.passkey-added in the district trail.',
  },
  'list-passkeys': {
    method: 'GET', path: '/me/passkeys', entry: 'functions/passkeys/list-passkeys.ts', auth: 'parent',
    response: { status: 200, schema: z.object({ passkeys: z.array(passkeyRow) }), description: 'My passkeys, oldest first' },
    tables: { parents: ['GetItem'] },
    summary: 'The passkeys of my account',
  },
  'remove-passkey': {
    method: 'DELETE', path: '/me/passkeys/{passkeyId}', entry: 'functions/passkeys/remove-passkey.ts', auth: 'parent',
    request: { params: z.object({ passkeyId: id }) },
    response: { status: 200, schema: z.object({ passkeyId: id, removed: z.literal(true) }), description: 'The passkey signs in no more' },
    errors: [409],
    example: { params: { passkeyId: 'pk-3f9a1c2b7d' } },
    tables: { parents: ['GetItem', 'UpdateItem'], audit: ['PutItem'] },
    summary: 'Remove one of my passkeys',
    description: '404 for an id that is not one of the caller\'s passkeys. Audited as parent.passkey-removed in the district trail.',
  },
  'passkey-sign-in-options': {
    method: 'POST', path: '/auth/passkey/options', entry: 'functions/passkeys/passkey-sign-in-options.ts', auth: 'none',
    request: { body: z.strictObject({ district: id }) },
    response: {
      status: 200,
      schema: challengeAnswer('PublicKeyCredentialRequestOptionsJSON, for navigator.credentials.get (startAuthentication): no allowCredentials (the browser offers the passkeys it holds for this site), user verification required'),
      description: 'A single-use sign-in challenge for the district; the same answer whoever asks',
    },
    example: { body: { district: 'springfield' } },
    usesPortalUrl: true,
    tables: { challenges: ['PutItem'] },
    throttle: { rate: 300, burst: 600 },
    summary: 'Start a passkey sign-in: a challenge that names no account',
  },
  'passkey-sign-in': {
    method: 'POST', path: '/auth/passkey/sign-in', entry: 'functions/passkeys/passkey-sign-in.ts', auth: 'none',
    request: {
      body: z.strictObject({
        district: id,
        challengeId: id,
        response: authenticationResponse,
        deviceToken: z.string().min(1).max(4096).optional(),
      }),
    },
    response: {
      status: 200,
      schema: session.extend({ userName: z.string().describe('The account signed in to: the portal keeps its device token under it') }),
      description: 'A session, as a password sign-in gives',
    },
    errors: [401, 429],
    example: { body: signInExample },
    usesPortalUrl: true,
    tables: { challenges: ['DeleteItem'], parents: ['GetItem', 'UpdateItem'], audit: ['PutItem'], throttle: ['UpdateItem'] },
    parentTokenKey: 'sign',
    throttle: { rate: 300, burst: 600 },
    usesClientAddress: true,
    summary: 'Sign in with a passkey: a session token and a device token',
    description:
      'One answer (401 INVALID_PASSKEY) for an unknown or removed passkey, another district\'s account, a used or expired challenge, a bad signature and a signature counter that went back. ' +
      'Failures are limited per address (429). Audited as parent.sign-in (method passkey) in the district trail.',
  },
} as const satisfies Record<string, RouteSpec>;
