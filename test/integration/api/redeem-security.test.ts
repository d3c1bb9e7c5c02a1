import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, table } from '../../../shared/data/client';
import { keys } from '../../../shared/data/keys';
import { config } from '../../../shared/config';
import { currentCode, givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../../support/world';

let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const codeOf = (world: SchoolWorld, studentId: string) => currentCode(api, world, studentId);

const redeem = (token: string, code: string, ip = uniqueId('ip')) => api.request('POST', '/me/links', { token, body: { code }, ip });

test('unknown, malformed, reset, expired and other-district codes all get one uniform answer', async () => {
  const world = await givenSchool({ codeTtlDays: 30 });
  const otherDistrict = await givenSchool();
  const parent = await world.parentToken('p0');

  const resetCode = await codeOf(world, 'st1');
  await api.request('POST', `/schools/${world.school.schoolId}/codes/reset`, { token: world.adminToken, body: { studentIds: ['st1'] } });

  const expiredCode = await codeOf(world, 'st2');
  await dynamo.send(
    new UpdateCommand({
      TableName: table('students'),
      Key: keys.student(world.school, 'st2'),
      UpdateExpression: 'SET codeExpiresAt = :past',
      ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00.000Z' },
    }),
  );

  const answers = [];
  for (const code of ['ZZZZ-ZZZZ-ZZZZ', 'hello', resetCode, expiredCode, await codeOf(otherDistrict, 'st0')]) {
    answers.push(await redeem(parent, code));
  }
  for (const answer of answers) {
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(answers[0]!.body);
  }
  expect(answers[0]!.body.error.code).toBe('INVALID_CODE');
  expect((await api.request('GET', '/me/students', { token: parent })).body.students).toEqual([]);
});

test('codes issued under an expiry policy carry their expiry and work until then', async () => {
  const world = await givenSchool({ codeTtlDays: 30 });
  const list = await api.request('GET', `/schools/${world.school.schoolId}/students`, { token: world.adminToken });
  const expiresAt = Date.parse(list.body.items[0].codeExpiresAt);
  expect(expiresAt - Date.now()).toBeGreaterThan(29 * 86400_000);
  expect(expiresAt - Date.now()).toBeLessThan(31 * 86400_000);
  expect((await redeem(await world.parentToken('p0'), list.body.items[0].code)).status).toBe(201);
});

test('failed redemptions are throttled per parent, across addresses, and a success does not count', async () => {
  const world = await givenSchool();
  const parent = await world.parentToken('p0');
  const limit = config.THROTTLE_MAX_FAILURES_PER_PARENT;

  expect((await redeem(parent, await codeOf(world, 'st0'))).status).toBe(201);
  for (let i = 0; i < limit; i++) expect((await redeem(parent, 'ZZZZ-ZZZZ-ZZZZ')).status).toBe(400);

  const blocked = await redeem(parent, await codeOf(world, 'st1'));
  expect(blocked.status).toBe(429);
  expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
  expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  // Another parent is not affected.
  expect((await redeem(await world.parentToken('p1'), await codeOf(world, 'st1'))).status).toBe(201);
});

test('a burst of parallel guesses cannot overshoot the limit', async () => {
  const world = await givenSchool();
  const parent = await world.parentToken('p0');
  const answers = await Promise.all(Array.from({ length: 20 }, () => redeem(parent, 'ZZZZ-ZZZZ-ZZZZ')));
  const counted = answers.filter((a) => a.status === 400).length;
  expect(counted).toBe(config.THROTTLE_MAX_FAILURES_PER_PARENT);
  expect(answers.filter((a) => a.status === 429)).toHaveLength(20 - counted);
});

test('a redeem racing a reset never links through a dead code', async () => {
  const world = await givenSchool({ parentCount: 30 });
  const s = world.school.schoolId;
  const oldCode = await codeOf(world, 'st0');
  const tokens = await Promise.all(world.parents.map((p) => world.parentToken(p.parentId)));

  const [resetAnswer, ...redeems] = await Promise.all([
    api.request('POST', `/schools/${s}/codes/reset`, { token: world.adminToken, body: { studentIds: ['st0'] } }),
    ...tokens.map((token) => redeem(token, oldCode)),
  ]);
  expect(resetAnswer.status).toBe(200);
  for (const r of redeems) expect([201, 400]).toContain(r.status);

  // Links, audit events and successful answers agree exactly: nothing half-applied.
  const audit = (await api.request('GET', `/schools/${s}/audit?studentId=st0&limit=100`, { token: world.adminToken })).body.items;
  const linkedAnswers = redeems.filter((r) => r.status === 201).length;
  expect(audit.filter((e: { action: string }) => e.action === 'link.created')).toHaveLength(linkedAnswers);
  const listed = (await api.request('GET', `/schools/${s}/students?q=100000`, { token: world.adminToken })).body.items[0];
  expect(listed.parents).toHaveLength(linkedAnswers);

  // And after the race the old code is dead for everyone.
  expect((await redeem(tokens[0]!, oldCode)).status).toBe(400);
});

test('concurrent resets of one student leave exactly one live code', async () => {
  const world = await givenSchool();
  const s = world.school.schoolId;
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => api.request('POST', `/schools/${s}/codes/reset`, { token: world.adminToken, body: { studentIds: ['st0'] } })),
  );
  expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
  const issued = answers.map((a) => a.body.students[0].code as string);
  const current = await codeOf(world, 'st0');
  expect(issued).toContain(current);
  // Spread the dead-code tries over parents so no one hits the guessing limit.
  const dead = issued.filter((c) => c !== current);
  for (const [i, code] of dead.entries()) {
    expect((await redeem(await world.parentToken(`p${1 + (i % 3)}`), code)).status).toBe(400);
  }
  expect((await redeem(await world.parentToken('p0'), current)).status).toBe(201);
  const audit = await api.request('GET', `/schools/${s}/audit?action=code.reset`, { token: world.adminToken });
  expect(audit.body.items).toHaveLength(6);
});
