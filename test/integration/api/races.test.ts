import '../../support/isolated-tables';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, table } from '../../../shared/data/client';
import { linksOfStudent } from '../../../shared/data/links';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';

/** Races at the scale the proofs ask for, with the invariants checked after each. */
jest.setTimeout(120_000);

let api: Api;
let world: SchoolWorld;
beforeAll(async () => {
  api = await startApi();
  world = await givenSchool({ studentCount: 4, parentCount: 200 });
});
afterAll(() => api.close());

const s = () => world.school.schoolId;
const codeOf = async (studentId: string) =>
  (await api.request('GET', `/schools/${s()}/students?limit=100`, { token: world.adminToken })).body.items.find((x: { studentId: string }) => x.studentId === studentId).code as string;

async function liveCodeItems(studentId: string): Promise<number> {
  const { Items } = await dynamo.send(
    new ScanCommand({ TableName: table('codes'), FilterExpression: 'schoolId = :s AND studentId = :st', ExpressionAttributeValues: { ':s': s(), ':st': studentId } }),
  );
  return Items?.length ?? 0;
}

async function auditCount(studentId: string, action: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await api.request('GET', `/schools/${s()}/audit?studentId=${studentId}&action=${action}&limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: world.adminToken });
    count += page.body.items.length;
    cursor = page.body.nextCursor;
  } while (cursor);
  return count;
}

test('200 parents redeem one code while staff reset it: no link through a dead code, one live code, audit matches', async () => {
  const oldCode = await codeOf('st0');
  const tokens = await Promise.all(world.parents.map((p) => world.parentToken(p.parentId)));
  const resetAfter = 40; // the reset goes out while the first redeems are in flight
  const requests = tokens.map((token, i) =>
    (async () => {
      if (i === resetAfter) return api.request('POST', `/schools/${s()}/codes/reset`, { token: world.adminToken, body: { studentIds: ['st0'] } });
      return api.request('POST', '/me/links', { token, body: { code: oldCode }, ip: `10.1.${i % 250}.${Math.floor(i / 250)}` });
    })(),
  );
  const answers = await Promise.all(requests);
  const reset = answers[resetAfter]!;
  expect(reset.status).toBe(200);
  const redeems = answers.filter((_, i) => i !== resetAfter);
  // 201 linked, 400 the code died first, or (rarely, under this much contention) 409 try again.
  for (const r of redeems) expect([201, 400, 409]).toContain(r.status);
  const linked = redeems.filter((r) => r.status === 201).length;

  const links = await linksOfStudent(world.school, 'st0');
  expect(links).toHaveLength(linked);
  expect(await auditCount('st0', 'link.created')).toBe(linked);
  expect(await liveCodeItems('st0')).toBe(1);
  // The dead code links nobody now; the new one works.
  expect((await api.request('POST', '/me/links', { token: tokens[resetAfter]!, body: { code: oldCode } })).status).toBe(400);
  expect((await api.request('POST', '/me/links', { token: tokens[resetAfter]!, body: { code: reset.body.students[0].code } })).status).toBe(201);
});

test('concurrent resets of one student: every reset happens, exactly one code is live', async () => {
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => api.request('POST', `/schools/${s()}/codes/reset`, { token: world.adminToken, body: { studentIds: ['st1'] } })),
  );
  expect(answers.map((a) => (a.status === 200 ? 200 : a.body))).toEqual(Array(20).fill(200));
  expect(await liveCodeItems('st1')).toBe(1);
  expect(await auditCount('st1', 'code.reset')).toBe(20);
  expect(answers.map((a) => a.body.students[0].code)).toContain(await codeOf('st1'));
});

test('clear links racing redeems: every link is either cleared or created after, and audit matches', async () => {
  const code = await codeOf('st2');
  const tokens = await Promise.all(world.parents.slice(0, 60).map((p) => world.parentToken(p.parentId)));
  const answers = await Promise.all([
    // Each parent from their own address: this race is about links, not the per-address limit.
    ...tokens.slice(0, 30).map((token, i) => api.request('POST', '/me/links', { token, body: { code }, ip: `10.2.0.${i}` })),
    api.request('POST', `/schools/${s()}/links/clear`, { token: world.adminToken, body: { studentIds: ['st2'] } }),
    ...tokens.slice(30).map((token, i) => api.request('POST', '/me/links', { token, body: { code }, ip: `10.2.1.${i}` })),
  ]);
  const clear = answers[30]!;
  expect(clear.status).toBe(200);
  const created = answers.filter((a, i) => i !== 30 && a.status === 201).length;
  expect(answers.filter((a, i) => i !== 30 && a.status !== 201).map((a) => a.body)).toEqual([]);
  expect(created).toBe(60); // the code stayed valid: clearing links does not reset codes
  const remaining = (await linksOfStudent(world.school, 'st2')).length;
  expect(remaining + clear.body.linksRemoved).toBe(created);
  expect(await auditCount('st2', 'link.created')).toBe(created);
  expect(await auditCount('st2', 'link.removed')).toBe(clear.body.linksRemoved);
});
