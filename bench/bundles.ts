import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { ROUTES } from '../shared/contract/routes';
import { JOB_TASKS } from '../infra/job-tasks';
import { ESBUILD_OPTIONS } from '../infra/bundle-settings';

const ROOT = resolve(__dirname, '..');

/** The same settings as the CDK functions (infra/bundle-settings.ts). */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    ...ESBUILD_OPTIONS,
    entryPoints: [join(ROOT, entry)],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/**
 * A bare handler that makes the same DynamoDB calls list-students makes for a page of 25 (the
 * school, the index query, the students, their parents), with the SDK alone: what a cold start
 * costs with no code of ours.
 */
const SAME_CALLS = `
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand, QueryCommand, BatchGetCommand } = require('@aws-sdk/lib-dynamodb');
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT }));
exports.handler = async (event) => {
  const scoped = event.requestContext.authorizer.jwt.claims.district + '#' + event.pathParameters.schoolId;
  const school = (await db.send(new GetCommand({ TableName: process.env.TABLE_SCHOOLS, Key: { pk: 'SCHOOL#' + scoped }, ConsistentRead: true }))).Item;
  const page = await db.send(new QueryCommand({ TableName: process.env.TABLE_STUDENTS, IndexName: 'byDistrictSchool', KeyConditionExpression: 'districtSchool = :s', ExpressionAttributeValues: { ':s': scoped }, Limit: 25 }));
  const students = (await db.send(new BatchGetCommand({ RequestItems: { [process.env.TABLE_STUDENTS]: { Keys: page.Items.map((i) => ({ pk: 'STUDENT#' + scoped + '#' + i.studentId })), ConsistentRead: true } } }))).Responses[process.env.TABLE_STUDENTS];
  const parents = [...new Set(students.flatMap((s) => Object.keys(s).filter((k) => k.startsWith('lp_')).map((k) => k.slice(3))))];
  if (parents.length) await db.send(new BatchGetCommand({ RequestItems: { [process.env.TABLE_PARENTS]: { Keys: parents.map((p) => ({ pk: 'PARENT#' + school.districtId + '#' + p })), ConsistentRead: true } } }));
  return { statusCode: 200, body: JSON.stringify(students.length) };
};`;

/**
 * Each function's bundle size, and a cold start: a fresh Node process that loads the
 * list-students bundle and serves one real request, against a bare handler making the same
 * DynamoDB calls with the SDK alone (and against one making none, as before); and the import of
 * each alone. Median of 5 each, the two interleaved.
 */
export async function measureBundlesAndColdStart(_endpoint: string) {
  const bundles: Record<string, { bytes: number }> = {};
  for (const entry of [...ROUTES.map((r) => ({ id: r.id, entry: r.entry })), ...JOB_TASKS.map((t) => ({ id: `job-${t.state}`, entry: t.entry }))]) {
    bundles[entry.id] = { bytes: Buffer.byteLength(await bundle(entry.entry)) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'pa-cold-'));
  writeFileSync(join(dir, 'list-students.js'), await bundle('functions/admin/list-students.ts'));
  writeFileSync(join(dir, 'bare.js'), "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb'); const client = new DynamoDBClient({}); exports.handler = async () => ({ statusCode: 200 });");
  writeFileSync(join(dir, 'same-calls.js'), SAME_CALLS);
  const event = JSON.stringify({
    version: '2.0', routeKey: 'GET /schools/{schoolId}/students', rawPath: '/', headers: {}, pathParameters: { schoolId: 'bench-api' },
    queryStringParameters: { limit: '25' }, isBase64Encoded: false,
    requestContext: { requestId: 'cold', routeKey: 'GET /schools/{schoolId}/students', http: { method: 'GET', path: '/', sourceIp: '127.0.0.1' },
      authorizer: { jwt: { claims: { sub: 'bench', district: 'bench', schools: '[bench-api]', permissions: '[students:read]' } } } },
  });
  const run = (file: string) => {
    const script = `const t=process.hrtime.bigint();require(${JSON.stringify(join(dir, file))}).handler(${event},{getRemainingTimeInMillis:()=>3e4}).then(r=>{if(r.statusCode!==200)process.exit(2);});`;
    const start = performance.now();
    const out = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') }, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`cold start run failed: ${out.stderr}`);
    return performance.now() - start;
  };
  const importOnly = (file: string) => {
    const script = `const t=process.hrtime.bigint();require(${JSON.stringify(join(dir, file))});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));`;
    const out = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') }, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`import run failed: ${out.stderr}`);
    return Number(out.stdout);
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  run('list-students.js'); // warm-up (file cache), not counted
  run('same-calls.js');
  const pairs = Array.from({ length: 5 }, () => ({ ours: run('list-students.js'), same: run('same-calls.js'), bare: run('bare.js') }));
  const ms = median(pairs.map((p) => p.ours));
  const sameCallsMs = median(pairs.map((p) => p.same));
  const bareMs = median(pairs.map((p) => p.bare));
  const imports = Array.from({ length: 5 }, () => ({ ours: importOnly('list-students.js'), bare: importOnly('same-calls.js') }));
  return {
    bundles,
    coldStart: {
      ms, sameCallsMs, bareMs,
      ratioSameCalls: median(pairs.map((p) => p.ours / p.same)),
      ratio: ms / bareMs,
      importMs: median(imports.map((i) => i.ours)),
      bareImportMs: median(imports.map((i) => i.bare)),
    },
  };
}
