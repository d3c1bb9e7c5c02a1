import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { putSchool, School, getSchool } from '../shared/data/schools';
import { getStudents, getStudent, listStudentIds } from '../shared/data/student-profiles';
import { replaceCode, findCodeOwner } from '../shared/data/student-codes';
import { getParent, getParents } from '../shared/data/parents';
import { linkThroughCode } from '../shared/data/links';
import { linkSummaryOf } from '../shared/data/link-summary';
import { writeAuditEvents } from '../shared/data/audit';
import { schoolRef } from '../shared/data/keys';
import { reserveAttempt, releaseAttempt } from '../shared/data/throttle';
import { hashAccessCode, normalizeAccessCode } from '../shared/domain/access-code';
import { PERMISSIONS } from '../shared/domain/principal';
import { codePepper } from '../shared/secrets';
import { mapWithConcurrency } from '../shared/concurrency';
import { issueCode, readableCode } from '../shared/use-cases/codes';
import { upsertRoster } from '../shared/use-cases/roster';
import { seedLinks } from '../test/support/seed';

const CONCURRENCY = 8;
type Handler = (event: unknown, context: Context) => Promise<{ statusCode?: number }>;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(requests: number, call: (i: number) => Promise<unknown>) {
  await mapWithConcurrency(Array.from({ length: 30 }, (_, i) => i), CONCURRENCY, (i) => call(i)); // warm up
  const latencies = await mapWithConcurrency(Array.from({ length: requests }, (_, i) => i), CONCURRENCY, async (i) => {
    const start = performance.now();
    await call(i);
    return performance.now() - start;
  });
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const PAIRS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Ours and the baseline measured in turns (ours, raw, ours, raw, …), so drift in the store or the
 * machine falls on both: each figure is the median over the pairs, and the ratio the median of the
 * pairs' ratios.
 */
async function interleaved(requests: number, ours: (i: number) => Promise<unknown>, raw: (i: number) => Promise<unknown>) {
  const pairs: { ours: { p50: number; p99: number }; raw: { p50: number; p99: number } }[] = [];
  for (let k = 0; k < PAIRS; k++) pairs.push({ ours: await measure(requests, ours), raw: await measure(requests, raw) });
  return {
    p50Ms: median(pairs.map((x) => x.ours.p50)),
    p99Ms: median(pairs.map((x) => x.ours.p99)),
    rawP50Ms: median(pairs.map((x) => x.raw.p50)),
    rawP99Ms: median(pairs.map((x) => x.raw.p99)),
    p99Ratio: median(pairs.map((x) => x.ours.p99 / x.raw.p99)),
    pairs: PAIRS,
  };
}

function event(method: string, path: string, routePath: string, claims: Record<string, string>, params: Record<string, string>, body?: unknown, query?: Record<string, string>) {
  return {
    version: '2.0',
    routeKey: `${method} ${routePath}`,
    rawPath: path,
    headers: {},
    pathParameters: params,
    queryStringParameters: query,
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      requestId: randomUUID(),
      routeKey: `${method} ${routePath}`,
      http: { method, path, sourceIp: `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.1`, protocol: 'HTTP/1.1', userAgent: 'bench' },
      authorizer: { jwt: { claims, scopes: [] } },
    },
  };
}

const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

/**
 * Warm latency of three handlers invoked in-process (as Lambda would, without the network) against
 * the very DynamoDB calls each makes, issued directly in the same order: the ratio is our
 * handler stack's overhead (middy, validation, authorization, logging, error mapping).
 */
export async function benchApiLatency(requests: number) {
  const school: School = { schoolId: 'bench-api', districtId: 'bench', name: 'Bench API' };
  await putSchool(school);
  const students = Array.from({ length: 200 }, (_, i) => ({ studentId: `a${i}`, firstName: `F${i}`, lastName: `L${String(i).padStart(3, '0')}`, studentNumber: `${i}` }));
  const parents = Array.from({ length: 50 }, (_, i) => ({ parentId: `bp${i}`, firstName: 'P', lastName: `Q${i}`, userName: `bench.p${i}` }));
  await upsertRoster(school, { students, parents }, { type: 'system', id: 'bench' });
  await seedLinks(school, students.slice(0, 50).map((s, i) => [s.studentId, `bp${i}`]));
  const staffClaims = { sub: 'bench', district: 'bench', schools: '[bench-api]', permissions: `[${PERMISSIONS.join(' ')}]` };
  const parentClaims = { district: 'bench', role: 'parent', sv: '0' };
  const listStudents = require('../functions/admin/list-students').handler as Handler;
  const resetCodes = require('../functions/admin/reset-codes').handler as Handler;
  const redeem = require('../functions/parent/redeem-code').handler as Handler;
  const code = await readableCode((await getStudent(school, 'a0'))!);
  const pepper = await codePepper();
  const ok = async (result: Promise<{ statusCode?: number }>) => {
    const r = await result;
    if (!r.statusCode || r.statusCode >= 300) throw new Error(`bench request failed: ${JSON.stringify(r)}`);
  };

  const list = await interleaved(requests, () =>
    ok(listStudents(event('GET', '/schools/bench-api/students', '/schools/{schoolId}/students', staffClaims, { schoolId: school.schoolId }, undefined, { limit: '25' }), context)),
    async () => {
      await getSchool(school);
      const { studentIds } = await listStudentIds(school, { limit: 25 });
      // The same calls the handler makes: each student item carries its link summary.
      const students = await getStudents(school, studentIds);
      // And the same work on them: the parents, and each sealed code opened for display.
      await Promise.all([
        getParents(school.districtId, [...students.values()].flatMap((s) => linkSummaryOf(s).map((l) => l.parentId))),
        mapWithConcurrency([...students.values()], 16, (student) => readableCode(student)),
      ]);
      // A page shown with codes is recorded (code.viewed), as the handler does.
      await writeAuditEvents([{ ...schoolRef(school), action: 'code.viewed', actor: { type: 'system', id: 'bench' }, at: new Date().toISOString(), details: { students: studentIds.join(' '), count: studentIds.length } }]);
    },
  );

  const reset = await interleaved(requests, (i) =>
    ok(resetCodes(event('POST', '/schools/bench-api/codes/reset', '/schools/{schoolId}/codes/reset', staffClaims, { schoolId: school.schoolId }, { studentIds: [`a${100 + (i % 100)}`] }), context)),
    async (i) => {
      const id = `a${100 + (i % 100)}`;
      await getSchool(school);
      await getStudents(school, [id]);
      const student = (await getStudent(school, id))!;
      const at = new Date();
      await replaceCode(student, await issueCode(school, id, at), { districtId: school.districtId, schoolId: school.schoolId, action: 'code.reset', actor: { type: 'system', id: 'bench' }, at: at.toISOString(), studentId: id });
    },
  );

  // Parents take turns (at most 8 at once, one request each in flight): one parent's own
  // guessing limit counts concurrent attempts, which is not what this measures.
  const redeemRun = await interleaved(requests, (i) =>
    ok(redeem(event('POST', '/me/links', '/me/links', { ...parentClaims, sub: `bp${i % 50}` }, {}, { code }), context)),
    async (i) => {
      const now = new Date();
      await getParent('bench', `bp${i % 50}`);
      const keys = [{ scope: 'redeem-parent' as const, subject: `raw#${i % 50}` }, { scope: 'redeem-address' as const, subject: `raw-${i % 50}` }];
      for (const key of keys) await reserveAttempt(key, 1000, 900, now);
      const hash = hashAccessCode(normalizeAccessCode(code)!, pepper);
      const owner = (await findCodeOwner(hash))!;
      await getSchool(owner);
      await linkThroughCode(
        { schoolId: owner.schoolId, studentId: owner.studentId, districtId: 'bench', parentId: `bp${i % 50}`, linkedAt: now.toISOString() },
        { codeHash: hash, now: now.toISOString() },
        { districtId: owner.districtId, schoolId: owner.schoolId, action: 'link.created', actor: { type: 'parent', id: `bp${i % 50}` }, at: now.toISOString(), studentId: owner.studentId, parentId: `bp${i % 50}` },
      );
      await Promise.all(keys.map((key) => releaseAttempt(key, 900, now)));
    },
  );

  return { 'list-students': list, 'reset-codes': reset, 'redeem-code': redeemRun };
}
