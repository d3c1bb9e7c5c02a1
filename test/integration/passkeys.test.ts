import { generateKeyPairSync } from 'node:crypto';
import { relyingParty } from '../../shared/use-cases/passkeys';
import { config } from '../../shared/config';
import { SoftAuthenticator } from '../support/passkey-authenticator';
import { givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../support/world';

/*
 * Passkeys through the API against DynamoDB Local, with a software authenticator
 * (test/support/passkey-authenticator.ts): the good path once, then the refusals — a replayed
 * challenge, an unknown credential and another district's account answered alike, a challenge of
 * one purpose used for the other, no session, the limit of ten, another parent's passkey, a
 * counter that goes back, a staff reset.
 */
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

// The tests' PORTAL_URL is http://127.0.0.1:3000/: the relying party is localhost on that port.
const rp = relyingParty();
const authenticator = () => new SoftAuthenticator(rp.origin, rp.rpId);

interface Signed {
  world: SchoolWorld;
  parentId: string;
  token: string;
}

async function givenParent(world?: SchoolWorld, parentId = 'p0'): Promise<Signed> {
  const w = world ?? (await givenSchool({ studentCount: 1, parentCount: 2 }));
  return { world: w, parentId, token: await w.parentToken(parentId) };
}

async function registrationOptions(who: Signed) {
  const answer = await api.request('POST', '/me/passkeys/options', { token: who.token });
  expect(answer.status).toBe(200);
  return answer.body as { challengeId: string; options: { challenge: string; user: { id: string } } };
}

async function addPasskey(who: Signed, device: SoftAuthenticator, name?: string) {
  const { challengeId, options } = await registrationOptions(who);
  const response = device.create(options);
  return api.request('POST', '/me/passkeys', { token: who.token, body: { challengeId, response, ...(name ? { name } : {}) } });
}

async function signInOptions(districtId: string) {
  const answer = await api.request('POST', '/auth/passkey/options', { body: { district: districtId } });
  expect(answer.status).toBe(200);
  return answer.body as { challengeId: string; options: { challenge: string; allowCredentials?: unknown[]; rpId: string; userVerification: string } };
}

const signIn = (districtId: string, body: { challengeId: string; response: unknown }, ip = uniqueId('ip')) =>
  api.request('POST', '/auth/passkey/sign-in', { body: { district: districtId, ...body }, ip });

async function signInWith(device: SoftAuthenticator, districtId: string, credential = device.credentials.at(-1)) {
  const { challengeId, options } = await signInOptions(districtId);
  return signIn(districtId, { challengeId, response: device.get(options, credential) });
}

const REFUSED = { status: 401, body: { error: { code: 'INVALID_PASSKEY', message: expect.any(String) } } };

test('the relying party is localhost on the portal\'s port when the portal is named by a loopback IP', () => {
  expect(config.PORTAL_URL).toBe('http://127.0.0.1:3000/');
  expect(rp).toEqual({ rpId: 'localhost', origin: 'http://localhost:3000' });
  expect(relyingParty({ PORTAL_URL: 'https://d111111abcdef8.cloudfront.net/' })).toEqual({ rpId: 'd111111abcdef8.cloudfront.net', origin: 'https://d111111abcdef8.cloudfront.net' });
  expect(relyingParty({ PASSKEY_RP_ID: 'example.org', PASSKEY_ORIGIN: 'https://portal.example.org', PORTAL_URL: 'http://127.0.0.1:3000/' })).toEqual({ rpId: 'example.org', origin: 'https://portal.example.org' });
});

test('a parent adds a passkey, sees it listed, signs in with it (no user name) and gets a session; the sign-in is audited', async () => {
  const who = await givenParent();
  const device = authenticator();
  const options = await registrationOptions(who);
  expect(options.options).toMatchObject({ rp: { id: 'localhost' }, authenticatorSelection: { residentKey: 'required', userVerification: 'required' }, excludeCredentials: [] });
  const added = await api.request('POST', '/me/passkeys', { token: who.token, body: { challengeId: options.challengeId, response: device.create(options.options) } });
  expect(added).toMatchObject({ status: 201, body: { passkey: { name: 'Passkey 1', transports: ['internal'] } } });
  const listed = await api.request('GET', '/me/passkeys', { token: who.token });
  expect(listed.body.passkeys).toEqual([added.body.passkey]);
  expect(JSON.stringify(listed.body)).not.toMatch(/publicKey|credentialId/);

  // The options name no account: the same shape whoever asks.
  const request = await signInOptions(who.world.districtId);
  expect(request.options).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
  expect(request.options.allowCredentials ?? []).toEqual([]);
  const signedIn = await signIn(who.world.districtId, { challengeId: request.challengeId, response: device.get(request.options) });
  expect(signedIn).toMatchObject({ status: 200, body: { token: expect.any(String), deviceToken: expect.any(String), userName: who.world.parents[0]!.userName } });
  expect((await api.request('GET', '/me/students', { token: signedIn.body.token })).status).toBe(200);
  const [passkey] = (await api.request('GET', '/me/passkeys', { token: signedIn.body.token })).body.passkeys;
  expect(passkey.lastUsedAt).toEqual(expect.any(String));

  const audit = await api.request('GET', `/districts/${who.world.districtId}/audit?parentId=${who.parentId}`, { token: await who.world.tokenFor(['audit:read'], '*') });
  const actions = audit.body.items.map((e: { action: string; details?: Record<string, unknown> }) => [e.action, e.details?.method ?? null, e.details?.outcome ?? null]);
  expect(actions).toEqual(expect.arrayContaining([['parent.passkey-added', null, null], ['parent.sign-in', 'passkey', 'succeeded']]));
});

test('a replayed answer is refused: each challenge works once, for sign-in and for registration', async () => {
  const who = await givenParent();
  const device = authenticator();
  const { challengeId, options } = await registrationOptions(who);
  const registration = device.create(options);
  expect((await api.request('POST', '/me/passkeys', { token: who.token, body: { challengeId, response: registration } })).status).toBe(201);
  expect(await api.request('POST', '/me/passkeys', { token: who.token, body: { challengeId, response: registration } })).toMatchObject({ status: 400, body: { error: { code: 'PASSKEY_NOT_VERIFIED' } } });

  const request = await signInOptions(who.world.districtId);
  const answer = { challengeId: request.challengeId, response: device.get(request.options) };
  expect((await signIn(who.world.districtId, answer)).status).toBe(200);
  expect(await signIn(who.world.districtId, answer)).toMatchObject(REFUSED);
  // The same signature under a fresh challenge id is refused too: it signed the old challenge.
  const fresh = await signInOptions(who.world.districtId);
  expect(await signIn(who.world.districtId, { challengeId: fresh.challengeId, response: answer.response })).toMatchObject(REFUSED);
});

test('an unknown credential, an unknown account and another district\'s account get one answer', async () => {
  const who = await givenParent();
  const device = authenticator();
  expect((await addPasskey(who, device)).status).toBe(201);
  const stranger = authenticator();
  // A credential the account never registered, claiming the account's user handle.
  stranger.create({ challenge: 'x', user: { id: Buffer.from(who.parentId).toString('base64url') } });
  const unknownCredential = await signInWith(stranger, who.world.districtId);
  // A user handle naming no account.
  stranger.create({ challenge: 'x', user: { id: Buffer.from('nobody-here').toString('base64url') } });
  const unknownAccount = await signInWith(stranger, who.world.districtId);
  // The real passkey, with a challenge of another district (where the parent id names no one, or someone else).
  const other = await givenSchool({ studentCount: 1, parentCount: 1 });
  const otherDistrict = await signInWith(device, other.districtId);
  // A user handle that cannot be an id at all.
  const request = await signInOptions(who.world.districtId);
  const garbled = device.get(request.options);
  const badHandle = await signIn(who.world.districtId, { challengeId: request.challengeId, response: { ...garbled, response: { ...garbled.response, userHandle: Buffer.from('../#').toString('base64url') } } });
  for (const answer of [unknownCredential, unknownAccount, otherDistrict, badHandle]) expect(answer).toMatchObject(REFUSED);
  expect(new Set([unknownCredential, unknownAccount, otherDistrict, badHandle].map((a) => JSON.stringify(a.body))).size).toBe(1);
  // The owner is not locked out by any of it.
  expect((await signInWith(device, who.world.districtId)).status).toBe(200);
});

test('a challenge of one purpose cannot be used for the other, nor by another account, and stays usable for its own', async () => {
  const who = await givenParent();
  const device = authenticator();
  expect((await addPasskey(who, device)).status).toBe(201);
  // A registration challenge answered as a sign-in.
  const registration = await registrationOptions(who);
  const asSignIn = device.get({ challenge: registration.options.challenge });
  expect(await signIn(who.world.districtId, { challengeId: registration.challengeId, response: asSignIn })).toMatchObject(REFUSED);
  // A sign-in challenge answered as a registration.
  const request = await signInOptions(who.world.districtId);
  const second = authenticator();
  const asRegistration = second.create({ challenge: request.options.challenge, user: registration.options.user });
  expect(await api.request('POST', '/me/passkeys', { token: who.token, body: { challengeId: request.challengeId, response: asRegistration } })).toMatchObject({ status: 400, body: { error: { code: 'PASSKEY_NOT_VERIFIED' } } });
  // Another parent's registration challenge.
  const sibling = await givenParent(who.world, 'p1');
  const theirs = await registrationOptions(sibling);
  expect(await api.request('POST', '/me/passkeys', { token: who.token, body: { challengeId: theirs.challengeId, response: second.create(theirs.options) } })).toMatchObject({ status: 400 });
  // Each still works for what it was made for.
  expect((await api.request('POST', '/me/passkeys', { token: who.token, body: { challengeId: registration.challengeId, response: second.create(registration.options) } })).status).toBe(201);
  expect((await signIn(who.world.districtId, { challengeId: request.challengeId, response: device.get(request.options) })).status).toBe(200);
});

test('an answer for another origin or RP ID, or without user verification, is refused', async () => {
  const who = await givenParent();
  const device = authenticator();
  for (const gesture of [{ clientData: { origin: 'http://127.0.0.1:3000' } }, { rpId: 'evil.example' }, { userVerified: false }]) {
    const { challengeId, options } = await registrationOptions(who);
    expect(await api.request('POST', '/me/passkeys', { token: who.token, body: { challengeId, response: device.create(options, gesture) } })).toMatchObject({ status: 400, body: { error: { code: 'PASSKEY_NOT_VERIFIED' } } });
  }
  expect((await addPasskey(who, device)).status).toBe(201);
  for (const gesture of [{ clientData: { origin: 'https://phish.example' } }, { rpId: 'evil.example' }, { userVerified: false }]) {
    const request = await signInOptions(who.world.districtId);
    expect(await signIn(who.world.districtId, { challengeId: request.challengeId, response: device.get(request.options, undefined, gesture) })).toMatchObject(REFUSED);
  }
});

test('without a session, adding, listing and removing passkeys answer 401', async () => {
  const who = await givenParent();
  expect((await api.request('POST', '/me/passkeys/options')).status).toBe(401);
  const { challengeId, options } = await registrationOptions(who);
  const response = authenticator().create(options);
  expect((await api.request('POST', '/me/passkeys', { body: { challengeId, response } })).status).toBe(401);
  expect((await api.request('GET', '/me/passkeys')).status).toBe(401);
  expect((await api.request('DELETE', '/me/passkeys/pk-anything')).status).toBe(401);
  // The unused challenge still belongs to the account.
  expect((await api.request('POST', '/me/passkeys', { token: who.token, body: { challengeId, response } })).status).toBe(201);
});

test('an account holds at most ten passkeys', async () => {
  const who = await givenParent();
  const device = authenticator();
  const early = await registrationOptions(who);
  for (let i = 0; i < 10; i++) expect((await addPasskey(who, device)).status).toBe(201);
  expect(await api.request('POST', '/me/passkeys/options', { token: who.token })).toMatchObject({ status: 409, body: { error: { code: 'PASSKEY_LIMIT' } } });
  // A challenge handed out before the tenth was added is refused too.
  expect(await api.request('POST', '/me/passkeys', { token: who.token, body: { challengeId: early.challengeId, response: device.create(early.options) } })).toMatchObject({ status: 409, body: { error: { code: 'PASSKEY_LIMIT' } } });
  const names = (await api.request('GET', '/me/passkeys', { token: who.token })).body.passkeys.map((p: { name: string }) => p.name);
  expect(names).toEqual(Array.from({ length: 10 }, (_, i) => `Passkey ${i + 1}`));
});

test("removing another parent's passkey is 404; removing one's own ends its sign-ins", async () => {
  const who = await givenParent();
  const sibling = await givenParent(who.world, 'p1');
  const device = authenticator();
  const added = await addPasskey(who, device, 'Kitchen laptop');
  expect(added.body.passkey.name).toBe('Kitchen laptop');
  const passkeyId = added.body.passkey.passkeyId as string;
  expect(await api.request('DELETE', `/me/passkeys/${passkeyId}`, { token: sibling.token })).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  expect((await api.request('GET', '/me/passkeys', { token: who.token })).body.passkeys).toHaveLength(1);
  expect(await api.request('DELETE', `/me/passkeys/${passkeyId}`, { token: who.token })).toMatchObject({ status: 200, body: { passkeyId, removed: true } });
  expect((await api.request('DELETE', `/me/passkeys/${passkeyId}`, { token: who.token })).status).toBe(404);
  expect((await api.request('GET', '/me/passkeys', { token: who.token })).body.passkeys).toEqual([]);
  expect(await signInWith(device, who.world.districtId)).toMatchObject(REFUSED);
});

test('a signature counter that goes back is refused and audited as such', async () => {
  const who = await givenParent();
  const device = authenticator();
  expect((await addPasskey(who, device)).status).toBe(201);
  const credential = device.credentials[0]!;
  const request = await signInOptions(who.world.districtId);
  expect((await signIn(who.world.districtId, { challengeId: request.challengeId, response: device.get(request.options, credential, { counter: 5 }) })).status).toBe(200);
  const again = await signInOptions(who.world.districtId);
  expect(await signIn(who.world.districtId, { challengeId: again.challengeId, response: device.get(again.options, credential, { counter: 5 }) })).toMatchObject(REFUSED);
  const audit = await api.request('GET', `/districts/${who.world.districtId}/audit?parentId=${who.parentId}&action=parent.sign-in`, { token: await who.world.tokenFor(['audit:read'], '*') });
  expect(audit.body.items.map((e: { details: Record<string, unknown> }) => e.details.reason ?? e.details.outcome)).toEqual(['counter', 'succeeded']);
  expect((await signInWith(device, who.world.districtId, credential)).status).toBe(200);
});

test('a staff password reset ends every passkey of the account', async () => {
  const who = await givenParent();
  const device = authenticator();
  expect((await addPasskey(who, device)).status).toBe(201);
  const reset = await api.request('POST', `/schools/${who.world.school.schoolId}/parents/${who.parentId}/password`, { token: who.world.adminToken, body: { confirm: true } });
  expect(reset.status).toBe(200);
  expect(await signInWith(device, who.world.districtId)).toMatchObject(REFUSED);
});

test('failed passkey sign-ins are limited per address', async () => {
  const who = await givenParent();
  const ip = uniqueId('ip');
  const statuses: number[] = [];
  for (let i = 0; i <= config.PASSKEY_SIGN_IN_MAX_FAILURES_PER_ADDRESS && statuses.at(-1) !== 429; i++) {
    statuses.push((await signIn(who.world.districtId, { challengeId: `missing-${i}`, response: authenticator().get({ challenge: 'x' }, { id: Buffer.from('c'), userHandle: Buffer.from('p0'), counter: 0, ...keyPair() }) }, ip)).status);
  }
  expect(statuses.at(-1)).toBe(429);
  expect(new Set(statuses.slice(0, -1))).toEqual(new Set([401]));
});

const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
