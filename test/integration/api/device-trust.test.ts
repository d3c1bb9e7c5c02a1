import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, table } from '../../../shared/data/client';
import { keys } from '../../../shared/data/keys';
import { config } from '../../../shared/config';
import { givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../../support/world';

/**
 * Finding (issue 20): device tokens cannot be revoked. They lived 180 days, one per sign-in,
 * each with its own guessing allowance, untouched by a reset or a sign-out, so someone who once
 * knew the password kept guessing after the account was recovered. Now a token is honoured only
 * while its device is on the account's short list and carries the account's device generation.
 *
 * How trust is seen from outside: once strangers have spent the account's untrusted allowance
 * (`SIGN_IN_MAX_FAILURES_PER_ACCOUNT` failures), a client the account trusts still signs in and
 * any other gets 429 before any hash.
 */
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const STRONG = 'harbor-quill-nineteen-7';
const NEWER = 'violet-anchor-summit-31';

const userOf = (world: SchoolWorld, index: number) => world.parents[index]!.userName;
const signIn = (world: SchoolWorld, index: number, password: string, deviceToken?: string, ip = uniqueId('ip')) =>
  api.request('POST', '/auth/sign-in', { body: { district: world.districtId, userName: userOf(world, index), password, ...(deviceToken ? { deviceToken } : {}) }, ip });
const reset = (world: SchoolWorld, index: number) =>
  api.request('POST', `/schools/${world.school.schoolId}/parents/p${index}/password`, { token: world.adminToken, body: { confirm: true } });

/** Signs in with the temporary password and answers the challenge; the new-password step's session and device token. */
async function changePassword(world: SchoolWorld, index: number, newPassword: string) {
  const challenge = await signIn(world, index, `Family${index}P`);
  expect(challenge.body.challenge).toBe('NEW_PASSWORD_REQUIRED');
  const done = await api.request('POST', '/auth/new-password', { body: { session: challenge.body.session, newPassword } });
  expect(done.status).toBe(200);
  return done.body as { token: string; deviceToken: string };
}

async function givenActiveParent(world: SchoolWorld, index = 0) {
  await reset(world, index);
  return changePassword(world, index, STRONG);
}

/** Strangers spend the account's untrusted allowance: from now on only a trusted client gets past the limits. */
async function strangersSpendTheAllowance(world: SchoolWorld, index: number) {
  for (let i = 0; i < config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT; i++) expect((await signIn(world, index, `stranger-guess-${i}-x`)).status).toBe(401);
  expect((await signIn(world, index, 'stranger-guess-last')).status).toBe(429);
}

const accountItem = async (world: SchoolWorld, index: number) =>
  (await dynamo.send(new GetCommand({ TableName: table('parents'), Key: keys.parent(world.districtId, `p${index}`), ConsistentRead: true }))).Item!;

test('a device token is revoked by a staff reset, a password change and sign-out everywhere', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 3 });

  // Staff reset (p0): the browser that knew the old password is a stranger at once.
  const before = await givenActiveParent(world, 0);
  await reset(world, 0);
  await strangersSpendTheAllowance(world, 0);
  expect((await signIn(world, 0, 'Family0P', before.deviceToken)).status).toBe(429);

  // Password change (p1): a token the account still honoured when the parent changed the
  // password (its device survived the reset, as a token minted in between would) ends with it;
  // the browser that made the change is the one trusted now.
  const old = await givenActiveParent(world, 1);
  const kept = await accountItem(world, 1);
  await reset(world, 1);
  await dynamo.send(new UpdateCommand({
    TableName: table('parents'), Key: keys.parent(world.districtId, 'p1'),
    UpdateExpression: 'SET trustedDevices = :devices, deviceGeneration = :generation',
    ExpressionAttributeValues: { ':devices': kept.trustedDevices, ':generation': kept.deviceGeneration },
  }));
  const changed = await changePassword(world, 1, NEWER);
  await strangersSpendTheAllowance(world, 1);
  expect((await signIn(world, 1, NEWER, old.deviceToken)).status).toBe(429);
  expect((await signIn(world, 1, NEWER, changed.deviceToken)).status).toBe(200);

  // Sign-out (p2): a plain one ends sessions and keeps the browser trusted; everywhere ends its trust.
  const first = await givenActiveParent(world, 2);
  expect((await api.request('POST', '/auth/sign-out', { token: first.token })).body).toEqual({ signedOut: true, everywhere: false });
  await strangersSpendTheAllowance(world, 2);
  const again = await signIn(world, 2, STRONG, first.deviceToken);
  expect(again.status).toBe(200);
  expect((await api.request('POST', '/auth/sign-out?everywhere=true', { token: again.body.token })).body).toEqual({ signedOut: true, everywhere: true });
  expect((await api.request('GET', '/me/students', { token: again.body.token })).status).toBe(401);
  // Signing out everywhere opens a fresh window of untrusted attempts (the owner has no trusted browser left); spent again:
  await strangersSpendTheAllowance(world, 2);
  expect((await signIn(world, 2, STRONG, first.deviceToken)).status).toBe(429);
  expect((await signIn(world, 2, STRONG, again.body.deviceToken)).status).toBe(429);

  const trail = await api.request('GET', `/districts/${world.districtId}/audit?parentId=p2&action=parent.signed-out`, { token: await world.tokenFor(['audit:read'], '*') });
  expect(trail.body.items.map((event: { details?: { everywhere?: boolean } }) => event.details?.everywhere ?? false).sort()).toEqual([false, true]);
});

test(`at most ${config.MAX_TRUSTED_DEVICES} device tokens per account, oldest evicted`, async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const max = config.MAX_TRUSTED_DEVICES;
  const tokens = [(await givenActiveParent(world, 0)).deviceToken];
  // Each sign-in without a device token adds a browser, up to the cap.
  while (tokens.length < max) tokens.push((await signIn(world, 0, STRONG)).body.deviceToken);
  // Signing in again with a known one does not add another: it becomes the most recently used.
  const reused = await signIn(world, 0, STRONG, tokens[0]);
  expect(reused.status).toBe(200);
  expect((await accountItem(world, 0)).trustedDevices).toHaveLength(max);
  // One more new browser evicts the least recently used: the second, not the first.
  tokens.push((await signIn(world, 0, STRONG)).body.deviceToken);
  expect((await accountItem(world, 0)).trustedDevices).toHaveLength(max);

  await strangersSpendTheAllowance(world, 0);
  const statuses = [];
  for (const token of tokens) statuses.push((await signIn(world, 0, STRONG, token)).status);
  expect(statuses).toEqual([200, 429, ...Array(max - 1).fill(200)]);
  expect((await signIn(world, 0, STRONG, reused.body.deviceToken)).status).toBe(200);
});

test('trusted clients share one budget per account', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const tokens = [(await givenActiveParent(world, 0)).deviceToken];
  while (tokens.length < 3) tokens.push((await signIn(world, 0, STRONG)).body.deviceToken);
  const budget = config.SIGN_IN_MAX_FAILURES_TRUSTED;
  // The allowance spread over the three tokens (a stolen one among them) ...
  const ip = uniqueId('ip');
  for (let i = 0; i < budget; i++) expect((await signIn(world, 0, `trusted-guess-${i}-x`, tokens[i % 3], ip)).status).toBe(401);
  // ... is spent for all of them: none gets another guess, not even the right password.
  for (const token of tokens) expect((await signIn(world, 0, STRONG, token)).status).toBe(429);
  // Trusted failures never lock the account, and the untrusted allowance is its own.
  expect((await accountItem(world, 0)).lockedUntil).toBeUndefined();
  expect((await signIn(world, 0, STRONG)).status).toBe(200);

  // Every checked attempt is in the district's trail with the viewer's address and whether it was trusted.
  const trail = await api.request('GET', `/districts/${world.districtId}/audit?parentId=p0&action=parent.sign-in&limit=100`, { token: await world.tokenFor(['audit:read'], '*') });
  const guesses = trail.body.items.filter((event: { details: { sourceIp: string } }) => event.details.sourceIp === ip);
  expect(guesses).toHaveLength(budget);
  expect(guesses.every((event: { details: { outcome: string; trustedDevice: boolean } }) => event.details.outcome === 'failed' && event.details.trustedDevice)).toBe(true);
});

test("finding: a staff reset or unlock left the stranger-filled window in place — the owner's next sign-in gets a fresh one", async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 2 });
  // p0 forgot their password and has no trusted browser; strangers have spent the account's allowance.
  await givenActiveParent(world, 0);
  await strangersSpendTheAllowance(world, 0);
  // The office resets it: the owner's first try with the temporary password gets through.
  expect((await reset(world, 0)).status).toBe(200);
  expect((await signIn(world, 0, 'Family0P')).body.challenge).toBe('NEW_PASSWORD_REQUIRED');

  // p1 knows their password; strangers spent the allowance; the office unlocks: the owner is in at once.
  await givenActiveParent(world, 1);
  await strangersSpendTheAllowance(world, 1);
  expect((await signIn(world, 1, STRONG)).status).toBe(429);
  const unlocked = await api.request('POST', `/schools/${world.school.schoolId}/parents/p1/unlock`, { token: world.adminToken });
  expect(unlocked.status).toBe(200);
  expect((await signIn(world, 1, STRONG)).status).toBe(200);
  // Strangers are limited again in the new window: the allowance is not lifted, only renewed.
  for (let i = 0; i < config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT; i++) await signIn(world, 1, `again-${i}-x`);
  expect((await signIn(world, 1, 'again-last')).status).toBe(429);
});
