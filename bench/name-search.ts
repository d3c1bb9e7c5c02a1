/**
 * `npx tsx bench/name-search.ts`: what one staff name search costs on a school of 10,000
 * students (BENCH_SEARCH_STUDENTS) and a district of 5,000 parents (BENCH_SEARCH_PARENTS), on
 * its own DynamoDB Local: DynamoDB requests and the read capacity DynamoDB Local reports for
 * them (every request sent with ReturnConsumedCapacity, read off the answers), per search, as the
 * list-students and find-parents handlers make them in-process. Also the first page of an
 * unsearched listing, whose `total` is a Select COUNT of the school's index. About a minute.
 */
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { ephemeralLocalKeys } from '../infra/local/local-keys';
import { ensureTables, localEnvironment, startDynamoLocal } from '../infra/local/dynamodb-local';

const STUDENTS = Number(process.env.BENCH_SEARCH_STUDENTS ?? 10_000);
const PARENTS = Number(process.env.BENCH_SEARCH_PARENTS ?? 5_000);

const FIRST = ['María', 'Maria', 'Mariana', 'José', 'Giulia', 'Rosa', 'Chloé', 'Liam', 'Noah', 'Ava', 'Mia', 'Zoë', 'Lucas', 'Amara', 'Kenji', 'Sofia', 'Mateo', 'Aarav', 'Fatima', 'Oliver', 'Nia', 'Jonas', 'Leila', 'Diego', 'Emma', 'Olivia', 'Ethan', 'Mason', 'Isabella', 'Aiden', 'Harper', 'Elijah', 'Amelia', 'James', 'Evelyn', 'Mary Ann', 'Anna', 'Ahmed', 'Yuki', 'Priya'];
const LAST = ['García', 'Garcia', 'Abbiatici', 'de la Cruz', 'van der Berg', "O'Brien", 'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Pérez', 'Thompson', 'White', 'Harris', 'Sánchez', 'Clark', 'Ramírez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Müller', 'Rossi', 'Dubois', 'Tanaka', 'Khan'];
/** Names spread over every pair: the first name by `i`, the last by `i` over the first names' count. */
const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;

async function main() {
  const dynamoLocal = await startDynamoLocal();
  await ensureTables(dynamoLocal.endpoint, 'bench');
  Object.assign(process.env, localEnvironment(dynamoLocal.endpoint, 'bench'), {
    CODE_PEPPER: 'bench-pepper-0123456789abcdef0123456789abcdef',
    CODE_VAULT_KEY: randomBytes(32).toString('hex'),
    ...(await ephemeralLocalKeys()),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  try {
    const { dynamo } = await import('../shared/data/client');
    const { putSchool } = await import('../shared/data/schools');
    const { createStudent } = await import('../shared/data/student-profiles');
    const { upsertParentProfile } = await import('../shared/data/parent-roster');
    const { issueCode } = await import('../shared/use-cases/codes');
    const { mapWithConcurrency } = await import('../shared/concurrency');
    const { PERMISSIONS } = await import('../shared/domain/principal');

    const school = { schoolId: 'bench-search', districtId: 'bench', name: 'Bench search' };
    await putSchool(school);
    const started = Date.now();
    await mapWithConcurrency(Array.from({ length: STUDENTS }, (_, i) => i), 64, async (i) => {
      const studentId = `s${String(i).padStart(5, '0')}`;
      const at = new Date();
      await createStudent(
        { ...school, studentId, firstName: pick(FIRST, i), lastName: pick(LAST, Math.floor(i / FIRST.length) + (i % 7)), studentNumber: `${300000 + i}`, grade: String(1 + (i % 8)) },
        await issueCode(school, studentId, at),
        { ...school, action: 'student.created', actor: { type: 'system', id: 'bench' }, at: at.toISOString(), studentId },
      );
    });
    await mapWithConcurrency(Array.from({ length: PARENTS }, (_, i) => i), 64, async (i) => {
      const parentId = `p${String(i).padStart(5, '0')}`;
      await upsertParentProfile(
        { districtId: school.districtId, parentId, firstName: pick(FIRST, i + 3), lastName: pick(LAST, Math.floor(i / FIRST.length) + 11), userName: `parent${i}`, email: `parent${i}@example.test` },
        school.schoolId,
        { ...school, action: 'parent.upserted', actor: { type: 'system', id: 'bench' }, at: new Date().toISOString(), parentId },
        false,
      );
    });
    console.log(`Seeded ${STUDENTS} students and ${PARENTS} parents in ${Math.round((Date.now() - started) / 1000)} s`);

    // Every request asks for its consumed capacity; the answers' units are summed per search.
    let units = 0;
    dynamo.middlewareStack.add(
      (next) => async (args) => {
        (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
        for (const c of [consumed].flat()) units += c?.CapacityUnits ?? 0;
        return result;
      },
      { step: 'initialize', name: 'bench-capacity' },
    );
    const { countDynamoCalls } = await import('../test/support/dynamo-calls');
    const context = { getRemainingTimeInMillis: () => 29_000, awsRequestId: 'bench', functionName: 'bench' } as unknown as Context;
    const claims = { sub: 'bench', district: school.districtId, schools: `[${school.schoolId}]`, permissions: `[${PERMISSIONS.join(' ')}]` };
    const event = (routeKey: string, query: Record<string, string>) =>
      ({
        version: '2.0', routeKey, rawPath: '/', rawQueryString: '', headers: {}, isBase64Encoded: false,
        pathParameters: { schoolId: school.schoolId }, queryStringParameters: query,
        requestContext: { requestId: 'bench', routeKey, http: { method: 'GET', path: '/', sourceIp: '127.0.0.1' }, authorizer: { jwt: { claims } } },
      }) as unknown as APIGatewayProxyEventV2;
    type Handler = (e: unknown, c: Context) => Promise<{ statusCode: number; body: string }>;
    const listStudents = require('../functions/admin/list-students').handler as Handler;
    const findParents = require('../functions/admin/find-parents').handler as Handler;

    const rows: Record<string, unknown>[] = [];
    const measure = async (label: string, handler: Handler, routeKey: string, query: Record<string, string>) => {
      units = 0;
      let answer: { statusCode: number; body: string } | undefined;
      const t0 = performance.now();
      const calls = await countDynamoCalls(async () => (answer = await handler(event(routeKey, query), context)));
      const ms = Math.round(performance.now() - t0);
      if (answer!.statusCode !== 200) throw new Error(`${label}: ${answer!.body}`);
      const body = JSON.parse(answer!.body) as { items: unknown[]; total?: number; more: boolean };
      rows.push({ search: label, requests: Object.values(calls).reduce((n, c) => n + c, 0), rcu: Math.round(units * 10) / 10, shown: body.items.length, total: body.total, more: body.more, ms });
    };
    const students = 'GET /schools/{schoolId}/students';
    const parents = 'GET /schools/{schoolId}/parents';
    // Warm-up (bundled code, connections), not reported.
    await listStudents(event(students, { q: 'warm' }), context);
    for (const q of ['Maria Garcia', 'garcia, maria', 'maria', 'de la cruz', 'giu abb', 'a', 'Mary Ann Smith', '305000']) {
      await measure(`students q="${q}"`, listStudents, students, { q, limit: '25' });
    }
    await measure('students, first page (count)', listStudents, students, { limit: '25' });
    await measure('students, first page desc (count)', listStudents, students, { limit: '25', order: 'desc' });
    const firstPage = JSON.parse((await listStudents(event(students, { limit: '25' }), context)).body) as { nextCursor: string };
    await measure('students, second page (no count)', listStudents, students, { limit: '25', cursor: firstPage.nextCursor });
    for (const q of ['Maria Garcia', 'rosa', 'parent42', 'parent42@example.test']) {
      await measure(`parents q="${q}"`, findParents, parents, { q, limit: '10' });
    }
    console.table(rows);
    // The count alone: a Select COUNT over the school's byDistrictSchool partition.
    const { countStudents } = await import('../shared/data/student-profiles');
    units = 0;
    const countCalls = await countDynamoCalls(() => countStudents(school));
    console.log(`count of ${STUDENTS} students: ${Object.values(countCalls).reduce((n, c) => n + c, 0)} requests, ${Math.round(units * 10) / 10} RCU`);
  } finally {
    await dynamoLocal.stop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
