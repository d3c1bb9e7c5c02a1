import { config } from '../../../shared/config';
import { maskedName } from '../../../shared/domain/names';
import { currentCode, givenSchool, startApi, uniqueId, Api } from '../../support/world';

/**
 * "Is this your child?": a parent sees whose code it is, masked, before linking. It is a guess
 * like a redeem: the same limits, the same answer for a bad code, and it is audited.
 */
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const preview = (token: string, code: string, ip = uniqueId('ip')) => api.request('POST', '/me/links/preview', { token, body: { code }, ip });

test('a working code shows the masked student, the grade and the school, and links nothing', async () => {
  const world = await givenSchool({ studentCount: 2, parentCount: 1 });
  const code = await currentCode(api, world, 'st1');
  const token = await world.parentToken('p0');
  expect((await preview(token, code)).body).toEqual({ student: 'F*** L.', school: world.school.name });
  const roster = { students: [{ studentId: 'st1', firstName: 'First1', lastName: 'Last001', studentNumber: '100001', grade: '7', homeroom: '7B' }] };
  expect((await api.request('PUT', `/schools/${world.school.schoolId}/roster`, { token: world.adminToken, body: roster })).status).toBe(200);
  const answer = await preview(token, code.toLowerCase().replace(/-/g, ' '));
  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({ student: 'F*** L.', grade: '7', school: world.school.name });
  expect(JSON.stringify(answer.body)).not.toMatch(/st1|First1|Last001/);
  expect((await api.request('GET', '/me/students', { token })).body.students).toEqual([]);

  const trail = await api.request('GET', `/schools/${world.school.schoolId}/audit?action=code.previewed`, { token: world.adminToken });
  // One event per parent, student and day: the second look is a repeat (see codes-on-screen.test.ts).
  expect(trail.body.items).toEqual([expect.objectContaining({ studentId: 'st1', parentId: 'p0', actor: { type: 'parent', id: 'p0' } })]);
  expect(JSON.stringify(trail.body)).not.toContain(code);
});

test('a bad code gets the redeem answer and counts against the same limit as redeems', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const other = await givenSchool({ studentCount: 1, parentCount: 1 });
  const token = await world.parentToken('p0');
  const otherDistrictCode = await currentCode(api, other, 'st0');
  const bad = await preview(token, otherDistrictCode);
  expect(bad).toMatchObject({ status: 400, body: { error: { code: 'INVALID_CODE' } } });
  for (let i = 1; i < config.THROTTLE_MAX_FAILURES_PER_PARENT; i++) expect((await preview(token, 'ZZZZ-ZZZZ-ZZZZ')).status).toBe(400);
  // The parent's failures are used up, by previews: a redeem, even of a good code, must wait.
  const redeem = await api.request('POST', '/me/links', { token, body: { code: await currentCode(api, world, 'st0') }, ip: uniqueId('ip') });
  expect(redeem.status).toBe(429);
  expect((await preview(token, await currentCode(api, world, 'st0'))).status).toBe(429);
});

test('a reset code previews like an unknown one', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const old = await currentCode(api, world, 'st0');
  await api.request('POST', `/schools/${world.school.schoolId}/codes/reset`, { token: world.adminToken, body: { studentIds: ['st0'] } });
  expect((await preview(await world.parentToken('p0'), old)).body.error.code).toBe('INVALID_CODE');
});

test.each([
  ['Elena', 'Santos', 'E*** S.'],
  ['Zoë', 'Ñúñez', 'Z*** Ñ.'],
  ['李', '小龍', '李*** 小.'],
  ['  Ana ', " O'Brien", "A*** O."],
])('masking %s %s shows only initials: %s', (first, last, masked) => {
  expect(maskedName(first, last)).toBe(masked);
});
