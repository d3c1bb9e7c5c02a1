import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { putSchool, School } from '../shared/data/schools';
import { writeAuditEvents } from '../shared/data/audit';
import { PERMISSIONS } from '../shared/domain/principal';
import { seedStudents } from '../test/support/seed';
import { countDynamoCalls } from '../test/support/dynamo-calls';

/** DynamoDB requests made while `work` runs (every command the shared client sends). */
async function countRoundTrips(work: () => Promise<unknown>): Promise<number> {
  return Object.values(await countDynamoCalls(work)).reduce((n, c) => n + c, 0);
}

const context = { getRemainingTimeInMillis: () => 29_000, awsRequestId: 'bench', functionName: 'bench' } as unknown as Context;
const staffClaims = (schoolId: string) => ({ sub: 'bench', district: 'bench', schools: `[${schoolId}]`, permissions: `[${PERMISSIONS.join(' ')}]` });
function event(routeKey: string, schoolId: string, query: Record<string, string>): APIGatewayProxyEventV2 {
  return {
    version: '2.0', routeKey, rawPath: '/', rawQueryString: '', headers: {}, isBase64Encoded: false,
    pathParameters: { schoolId }, queryStringParameters: query,
    requestContext: { requestId: 'bench', routeKey, http: { method: 'GET', path: '/', sourceIp: '127.0.0.1' }, authorizer: { jwt: { claims: staffClaims(schoolId) } } },
  } as unknown as APIGatewayProxyEventV2;
}

/**
 * Round trips of the read routes as the handlers make them: list-students for pages of 25 and
 * 100 (bounded whatever the size; the first page, which also counts the school, apart), and the
 * audit trail filtered by an action that matches none of 3,000 events (the most reading a filter
 * can cause).
 */
export async function measureReads() {
  const school: School = { schoolId: 'bench-reads', districtId: 'bench', name: 'Bench reads' };
  await putSchool(school);
  await seedStudents(school, 300);
  const at = Date.now();
  await writeAuditEvents(Array.from({ length: 3_000 }, (_, i) => ({ districtId: school.districtId, schoolId: school.schoolId, action: 'student.viewed', actor: { type: 'system' as const, id: 'bench' }, at: new Date(at - i * 1000).toISOString() })));
  const listStudents = require('../functions/admin/list-students').handler as (e: unknown, c: Context) => Promise<{ statusCode: number }>;
  const listAudit = require('../functions/admin/list-audit').handler as (e: unknown, c: Context) => Promise<{ statusCode: number }>;
  const ok = async (p: Promise<{ statusCode: number }>) => {
    const r = await p;
    if (r.statusCode !== 200) throw new Error(`bench read failed: ${JSON.stringify(r)}`);
  };
  // Pages after the first: the first page also counts the school (six COUNT queries sent beside
  // its index query, not after it), reported apart as firstPageRequests.
  const route = 'GET /schools/{schoolId}/students';
  const first = await listStudents(event(route, school.schoolId, { limit: '25' }), context);
  const cursor = (JSON.parse((first as unknown as { body: string }).body) as { nextCursor: string }).nextCursor;
  const page25 = await countRoundTrips(() => ok(listStudents(event(route, school.schoolId, { limit: '25', cursor }), context)));
  const page100 = await countRoundTrips(() => ok(listStudents(event(route, school.schoolId, { limit: '100', cursor }), context)));
  const firstPageRequests = await countRoundTrips(() => ok(listStudents(event(route, school.schoolId, { limit: '25' }), context)));
  const audit = await countRoundTrips(() => ok(listAudit(event('GET /schools/{schoolId}/audit', school.schoolId, { action: 'schedule.deleted', limit: '50' }), context)));
  return {
    listStudents: { roundTripsPerPage: Math.max(page25, page100), page25, page100, firstPageRequests },
    audit: { maxRoundTripsPerRequest: audit, eventsInTrail: 3_000 },
  };
}
