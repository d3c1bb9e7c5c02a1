import '../../support/lockout-env';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, table } from '../../../shared/data/client';
import { keys } from '../../../shared/data/keys';
import { givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../../support/world';

let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const STRONG = 'copper-kettle-sunrise-8';

async function givenActiveParent(world: SchoolWorld) {
  const s = world.school.schoolId;
  await api.request('POST', `/schools/${s}/parents/p0/password`, { token: world.adminToken, body: { confirm: true } });
  const ch = await signInAs(world, 'Family0P');
  const done = await api.request('POST', '/auth/new-password', { body: { session: ch.body.session, newPassword: STRONG } });
  expect(done.status).toBe(200);
  return done.body as { token: string; deviceToken: string };
}

const signInAs = (world: SchoolWorld, password: string, deviceToken?: string) =>
  api.request('POST', '/auth/sign-in', {
    body: { district: world.districtId, userName: world.parents[0]!.userName, password, ...(deviceToken ? { deviceToken } : {}) },
    ip: uniqueId('ip'),
  });
const stateOf = async (world: SchoolWorld) =>
  (await api.request('GET', `/schools/${world.school.schoolId}/parents?by=userName&q=${world.parents[0]!.userName}`, { token: world.adminToken })).body.items[0].accountState;

test('repeated failures lock the account to strangers; the right password then fails alike until staff unlock it', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const s = world.school.schoolId;
  const session = await givenActiveParent(world);

  const wrong = await signInAs(world, 'wrong-password-000');
  for (let i = 1; i < 3; i++) await signInAs(world, `wrong-password-00${i}`);
  const locked = await signInAs(world, STRONG);
  expect(locked.status).toBe(401);
  expect(locked.body).toEqual(wrong.body);
  expect(await stateOf(world)).toBe('locked');
  // The lock answers guessing; a session that already proved the password goes on.
  expect((await api.request('GET', '/me/students', { token: session.token })).status).toBe(200);

  const unlock = await api.request('POST', `/schools/${s}/parents/p0/unlock`, { token: world.adminToken });
  expect(unlock.status).toBe(200);
  expect(unlock.body.accountState).toBe('active');
  expect((await signInAs(world, STRONG)).body.token).toEqual(expect.any(String));
  const audit = await api.request('GET', `/schools/${s}/audit?action=parent.unlocked`, { token: world.adminToken });
  expect(audit.body.items).toHaveLength(1);
});

// Finding: "lockout works once": the lock fired only when the count *equalled* the limit, so after
// the first lock expired the count climbed past it and never locked again.
test('lockout works once: after a lock expires, the next run of failures locks again', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  await givenActiveParent(world);
  for (let round = 1; round <= 3; round++) {
    for (let i = 0; i < 3; i++) expect((await signInAs(world, `wrong-${round}-${i}-password`)).status).toBe(401);
    expect({ round, state: await stateOf(world) }).toEqual({ round, state: 'locked' });
    // Let the lock run out (as LOCK_MINUTES would), without waiting for it.
    await dynamo.send(new UpdateCommand({
      TableName: table('parents'), Key: keys.parent(world.districtId, 'p0'),
      UpdateExpression: 'SET lockedUntil = :past', ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00.000Z' },
    }));
    expect(await stateOf(world)).toBe('active');
  }
  const trail = await api.request('GET', `/districts/${world.districtId}/audit?parentId=p0&action=parent.locked`, { token: await world.tokenFor(['audit:read'], '*') });
  expect(trail.body.items).toHaveLength(3);
});

test('a lock caused by strangers does not keep the owner out: the device token from an earlier sign-in still works', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const { deviceToken } = await givenActiveParent(world);
  for (let i = 0; i < 3; i++) await signInAs(world, `stranger-${i}-password`);
  expect(await stateOf(world)).toBe('locked');
  expect((await signInAs(world, STRONG)).status).toBe(401);
  const owner = await signInAs(world, STRONG, deviceToken);
  expect(owner.status).toBe(200);
  expect(owner.body.token).toEqual(expect.any(String));
});
