import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { dynamo, table } from '../../../shared/data/client';
import { keys } from '../../../shared/data/keys';
import { AUDIT_MAX_ROUND_TRIPS } from '../../../shared/data/audit';
import { getParent } from '../../../shared/data/parents';
import { readOutbox } from '../../../shared/data/outbox';
import { PERMISSIONS } from '../../../shared/domain/principal';
import { givenSchool, startApi, uniqueId, Api } from '../../support/world';
import { districtState } from '../../support/state';
import { countDynamoCalls } from '../../support/dynamo-calls';

/** Regression tests named after the tenancy and audit findings of the security review (issue 8). */
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

test('cross-school parent takeover through the roster: a school-scoped roster cannot claim another school’s parent', async () => {
  const schoolB = await givenSchool({ studentCount: 1, parentCount: 0 });
  const districtId = schoolB.districtId;
  const shared = { parentId: 'shared', firstName: 'Dana', lastName: 'Ng', userName: `dng.${uniqueId('u')}`, email: 'dana@example.test' };
  expect((await api.request('PUT', `/schools/${schoolB.school.schoolId}/roster`, { token: schoolB.adminToken, body: { parents: [shared] } })).status).toBe(200);
  const schoolA = await givenSchool({ districtId, studentCount: 1, parentCount: 0 });
  const scopedToA = await schoolA.tokenFor(['roster:write', 'passwords:set', 'parents:read']);

  const before = await districtState(schoolB);
  const takeover = await api.request('PUT', `/schools/${schoolA.school.schoolId}/roster`, {
    token: scopedToA,
    body: { parents: [{ ...shared, userName: 'attacker-chosen', email: 'attacker@example.test' }] },
  });
  expect(takeover.status).toBe(409);
  expect(takeover.body.error).toMatchObject({ code: 'PARENT_ROSTERED_ELSEWHERE', details: ['shared'] });
  expect(await districtState(schoolB)).toEqual(before);
  // Nor can school A set that parent's password.
  expect((await api.request('POST', `/schools/${schoolA.school.schoolId}/parents/shared/password`, { token: scopedToA, body: { confirm: true } })).status).toBe(404);

  // District-wide staff may add the parent to school A; every rostering school sees it in its trail,
  // and a changed email is announced so the old address hears of it.
  const district = await schoolA.tokenFor(PERMISSIONS, '*');
  const claim = await api.request('PUT', `/schools/${schoolA.school.schoolId}/roster`, { token: district, body: { parents: [{ ...shared, email: 'dana.new@example.test' }] } });
  expect(claim.status).toBe(200);
  for (const world of [schoolA, schoolB]) {
    const trail = await api.request('GET', `/schools/${world.school.schoolId}/audit?parentId=shared&action=parent.upserted`, { token: district });
    expect(trail.body.items[0]).toMatchObject({ details: { claimedBy: schoolA.school.schoolId } });
  }
  const parent = await getParent(districtId, 'shared');
  expect([...parent!.rosterSchools!].sort()).toEqual([schoolA.school.schoolId, schoolB.school.schoolId].sort());
  expect(parent).toMatchObject({ email: 'dana.new@example.test', previousContact: { email: 'dana@example.test' } });
  expect((await readOutbox({ districtId })).map((e) => e.type)).toContain('parent.contact-changed');

  // Now both schools roster the parent: school A's own roster may update it.
  const update = await api.request('PUT', `/schools/${schoolA.school.schoolId}/roster`, { token: scopedToA, body: { parents: [{ ...shared, email: 'dana.new@example.test', firstName: 'Danielle' }] } });
  expect(update.status).toBe(200);
});

test('audit gaps: schedule changes and every sign-in attempt are recorded, sign-ins with their source address', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const s = world.school.schoolId;
  expect((await api.request('PUT', `/schools/${s}/schedules/autumn`, { token: world.adminToken, body: { type: 'reset-codes', expression: 'cron(0 5 1 9 ? *)' } })).status).toBe(200);
  expect((await api.request('DELETE', `/schools/${s}/schedules/autumn`, { token: world.adminToken })).status).toBe(200);
  const schedules = await api.request('GET', `/schools/${s}/audit?limit=10`, { token: world.adminToken });
  expect(schedules.body.items.map((e: { action: string }) => e.action).filter((a: string) => a.startsWith('schedule.'))).toEqual(['schedule.deleted', 'schedule.saved']);

  const ip = uniqueId('ip');
  await api.request('POST', '/auth/sign-in', { body: { district: world.districtId, userName: world.parents[0]!.userName, password: 'not-it-at-all' }, ip });
  await api.request('POST', '/auth/sign-in', { body: { district: world.districtId, userName: 'nobody-known', password: 'not-it-at-all' }, ip });
  const districtAdmin = await world.tokenFor(['audit:read'], '*');
  const signIns = await api.request('GET', `/districts/${world.districtId}/audit?action=parent.sign-in`, { token: districtAdmin });
  expect(signIns.status).toBe(200);
  expect(signIns.body.items).toHaveLength(2);
  for (const event of signIns.body.items) expect(event.details).toMatchObject({ outcome: 'failed', sourceIp: ip });
  // The district trail is for district-wide staff of that district only.
  expect((await api.request('GET', `/districts/${world.districtId}/audit`, { token: world.adminToken })).status).toBe(404);
  const stranger = await givenSchool({ studentCount: 1, parentCount: 0 });
  expect((await api.request('GET', `/districts/${world.districtId}/audit`, { token: await stranger.tokenFor(['audit:read'], '*') })).status).toBe(404);
});

test('a filtered audit query with limit=1 reads the whole trail: each request makes at most a fixed number of DynamoDB round trips', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 0 });
  const s = world.school.schoolId;
  // 2,500 events, the one we look for the oldest of all.
  const events = Array.from({ length: 2500 }, (_, i) => {
    const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    const eventId = randomUUID();
    return { pk: keys.auditPartition(world.school), sk: `${at}#${eventId}`, eventId, schoolId: s, action: i === 0 ? 'code.exported' : 'student.updated', actor: { type: 'system', id: 'seed' }, actorId: 'seed', at, studentId: i === 0 ? 'needle' : 'hay' };
  });
  for (let i = 0; i < events.length; i += 25) {
    await dynamo.send(new BatchWriteCommand({ RequestItems: { [table('audit')]: events.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  const found: string[] = [];
  let cursor: string | undefined;
  let requests = 0;
  do {
    let page: any;
    const calls = await countDynamoCalls(async () => {
      // A filter on the action (a student or parent has an index of their own; an action does not).
      page = await api.request('GET', `/schools/${s}/audit?action=code.exported&limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: world.adminToken });
    });
    expect(page.status).toBe(200);
    expect(calls.QueryCommand).toBeLessThanOrEqual(AUDIT_MAX_ROUND_TRIPS);
    found.push(...page.body.items.map((e: { studentId: string }) => e.studentId));
    cursor = page.body.nextCursor;
    requests++;
  } while (cursor && requests < 10);
  expect(found).toEqual(['needle']);
  expect(requests).toBeGreaterThan(1); // the trail was too long for one bounded request
});
