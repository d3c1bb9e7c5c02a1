import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, table } from '../../../shared/data/client';
import { keys } from '../../../shared/data/keys';
import { config } from '../../../shared/config';
import { hashingStats } from '../../../shared/domain/passwords';
import { setTemporaryPasswords } from '../../../shared/use-cases/parent-administration';
import { givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../../support/world';
import { districtState } from '../../support/state';

/** Regression tests named after the findings of the security review (issue 8). */
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const STRONG = 'lantern-orbit-meadow-42';
const s = (world: SchoolWorld) => world.school.schoolId;
const signIn = (world: SchoolWorld, userName: string, password: string, extra: { ip?: string; deviceToken?: string } = {}) =>
  api.request('POST', '/auth/sign-in', { body: { district: world.districtId, userName, password, ...(extra.deviceToken ? { deviceToken: extra.deviceToken } : {}) }, ip: extra.ip ?? uniqueId('ip') });
const setPassword = (world: SchoolWorld, parentId: string) =>
  api.request('POST', `/schools/${s(world)}/parents/${parentId}/password`, { token: world.adminToken, body: { confirm: true } });

/** Parent p{index} with a permanent password; returns the session and device token its sign-up gave. */
async function givenActiveParent(world: SchoolWorld, index = 0) {
  await setPassword(world, `p${index}`);
  const challenge = await signIn(world, world.parents[index]!.userName, `Family${index}P`);
  const done = await api.request('POST', '/auth/new-password', { body: { session: challenge.body.session, newPassword: STRONG } });
  expect(done.status).toBe(200);
  return done.body as { token: string; deviceToken: string };
}

async function derivationsOf(run: () => Promise<unknown>): Promise<number> {
  const before = hashingStats.derivations;
  await run();
  return hashingStats.derivations - before;
}

test('timing tells which accounts exist: every sign-in attempt runs exactly one hash, in every account state', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 6 });
  const user = (i: number) => world.parents[i]!.userName;
  await givenActiveParent(world); // p0: active
  await setPassword(world, 'p1'); // p1: temporary password, unspent
  await setPassword(world, 'p2'); // p2: temporary password, spent (challenge open)
  expect((await signIn(world, user(2), 'Family2P')).body.challenge).toBe('NEW_PASSWORD_REQUIRED');
  await setPassword(world, 'p3'); // p3: temporary password, expired
  await dynamo.send(new UpdateCommand({
    TableName: table('parents'), Key: keys.parent(world.districtId, 'p3'),
    UpdateExpression: 'SET tempPassword.expiresAt = :past', ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00.000Z' },
  }));
  await dynamo.send(new UpdateCommand({ // p4: locked
    TableName: table('parents'), Key: keys.parent(world.districtId, 'p4'),
    UpdateExpression: 'SET lockedUntil = :future', ExpressionAttributeValues: { ':future': '2999-01-01T00:00:00.000Z' },
  }));
  // p5: never signed in, no password at all.
  const attempts: [string, string][] = [
    ['unknown user name', 'nobody-at-all'], ['active, wrong password', user(0)], ['temporary, wrong password', user(1)],
    ['temporary, spent', user(2)], ['temporary, expired', user(3)], ['locked', user(4)], ['never signed in', user(5)],
  ];
  for (const [state, userName] of attempts) {
    let status = 0;
    const hashes = await derivationsOf(async () => (status = (await signIn(world, userName, 'wrong-password-123')).status));
    expect({ state, status, hashes }).toEqual({ state, status: 401, hashes: 1 });
  }
  // And a successful one: one hash too.
  expect(await derivationsOf(() => signIn(world, user(0), STRONG))).toBe(1);
});

test('sessions survive a password reset: a reset, a change, an unlock and a sign-out each end older sessions', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const first = await givenActiveParent(world);
  const me = (token: string) => api.request('GET', '/me/students', { token });
  expect((await me(first.token)).status).toBe(200);

  // Staff reset, then the parent sets a new password: the session from before must not come back.
  await setPassword(world, 'p0');
  const challenge = await signIn(world, world.parents[0]!.userName, 'Family0P');
  const second = await api.request('POST', '/auth/new-password', { body: { session: challenge.body.session, newPassword: 'another-strong-phrase-9' } });
  expect(second.status).toBe(200);
  expect((await me(first.token)).status).toBe(401);
  expect((await me(second.body.token)).status).toBe(200);

  // Sign-out ends it, and is audited.
  expect((await api.request('POST', '/auth/sign-out', { token: second.body.token })).status).toBe(200);
  expect((await me(second.body.token)).status).toBe(401);
  expect((await api.request('POST', '/auth/sign-out', { token: second.body.token })).status).toBe(401);

  // A staff unlock ends sessions too.
  const third = await signIn(world, world.parents[0]!.userName, 'another-strong-phrase-9');
  expect((await me(third.body.token)).status).toBe(200);
  expect((await api.request('POST', `/schools/${s(world)}/parents/p0/unlock`, { token: world.adminToken })).status).toBe(200);
  expect((await me(third.body.token)).status).toBe(401);

  const trail = await api.request('GET', `/districts/${world.districtId}/audit?parentId=p0&action=parent.signed-out`, { token: await world.tokenFor(['audit:read'], '*') });
  expect(trail.body.items).toHaveLength(1);
});

test('a stranger can keep an owner out: failed guesses from anywhere leave the owner with a device token able to sign in', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 2 });
  const { deviceToken } = await givenActiveParent(world);
  const userName = world.parents[0]!.userName;
  for (let i = 0; i < config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT; i++) expect((await signIn(world, userName, `stranger-guess-${i}`)).status).toBe(401);
  // Strangers (no device token) are now refused before any hash, even with the right password ...
  const stranger = await signIn(world, userName, STRONG);
  expect(stranger.status).toBe(429);
  // ... but the owner's browser is not.
  const owner = await signIn(world, userName, STRONG, { deviceToken });
  expect(owner.status).toBe(200);
  expect(owner.body.token).toEqual(expect.any(String));
  // A device token of another account, or a forged one, counts for nothing.
  const othersDevice = (await givenActiveParent(world, 1)).deviceToken;
  expect((await signIn(world, userName, STRONG, { deviceToken: othersDevice })).status).toBe(429);
  expect((await signIn(world, userName, STRONG, { deviceToken: 'not.a.token' })).status).toBe(429);
});

test('unlimited new-password retries each cost a full hash: weak choices cost none, and attempts are capped per challenge', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  await setPassword(world, 'p0');
  const { session } = (await signIn(world, world.parents[0]!.userName, 'Family0P')).body;
  const answer = (newPassword: string) => api.request('POST', '/auth/new-password', { body: { session, newPassword } });
  expect(await derivationsOf(async () => expect((await answer('short')).status).toBe(400))).toBe(0);
  expect(await derivationsOf(async () => expect((await answer('password1234')).body.error.code).toBe('WEAK_PASSWORD'))).toBe(0);

  // Past the rules, each attempt is counted; a race that loses its challenge keeps failing, capped.
  await dynamo.send(new UpdateCommand({
    TableName: table('parents'), Key: keys.parent(world.districtId, 'p0'),
    UpdateExpression: 'SET challengeAttempts = :n', ExpressionAttributeValues: { ':n': config.NEW_PASSWORD_MAX_ATTEMPTS },
  }));
  const before = await districtState(world);
  let capped: Awaited<ReturnType<typeof answer>> | undefined;
  expect(await derivationsOf(async () => (capped = await answer(STRONG)))).toBe(0);
  expect(capped!.status).toBe(429);
  expect(await districtState(world)).toEqual(before);
});

test('temporary passwords expire after 3 days by default', () => {
  expect(config.TEMPORARY_PASSWORD_DAYS).toBe(3);
});

test('bulk set passwords can half-apply: when hashing outruns the time budget, no parent is changed', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 25 });
  const before = await districtState(world);
  // Each hash "takes" 3 s of a 29 s budget: counted, not timed, so the machine's speed does not matter.
  const start = hashingStats.derivations;
  const budget = { remainingMs: () => 29_000 - (hashingStats.derivations - start) * 3_000 };
  const staff = { kind: 'staff', id: 'admin', districtId: world.districtId, schools: new Set([world.school.schoolId]), permissions: new Set(['passwords:set']) } as const;
  await expect(setTemporaryPasswords(world.school, staff, world.parents.map((p) => p.parentId), { type: 'staff', id: 'admin' }, budget))
    .rejects.toMatchObject({ status: 503, code: 'TIME_BUDGET_EXCEEDED' });
  expect(hashingStats.derivations - start).toBeLessThan(25);
  expect(await districtState(world)).toEqual(before);

  // With time enough, all 25 are set, in one transaction.
  const done = await setTemporaryPasswords(world.school, staff, world.parents.map((p) => p.parentId), { type: 'staff', id: 'admin' }, { remainingMs: () => 29_000 });
  expect(done.parents).toHaveLength(25);
});
