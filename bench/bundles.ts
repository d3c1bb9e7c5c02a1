import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { ROUTES } from '../shared/contract/routes';
import { JOB_TASKS } from '../infra/job-tasks';

const ROOT = resolve(__dirname, '..');

/** The same settings as the CDK functions: minified, CommonJS, Node 22, the AWS SDK left to the runtime. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['@aws-sdk/*'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/**
 * Each function's bundle size, and a cold start: a fresh Node process that loads the
 * list-students bundle and serves one real request, against a bare handler that only creates
 * the DynamoDB client. Median of 5 each.
 */
export async function measureBundlesAndColdStart(_endpoint: string) {
  const bundles: Record<string, { bytes: number }> = {};
  for (const entry of [...ROUTES.map((r) => ({ id: r.id, entry: r.entry })), ...JOB_TASKS.map((t) => ({ id: `job-${t.state}`, entry: t.entry }))]) {
    bundles[entry.id] = { bytes: Buffer.byteLength(await bundle(entry.entry)) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'pa-cold-'));
  writeFileSync(join(dir, 'list-students.js'), await bundle('functions/admin/list-students.ts'));
  writeFileSync(join(dir, 'bare.js'), "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb'); const client = new DynamoDBClient({}); exports.handler = async () => ({ statusCode: 200 });");
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
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ms = median(Array.from({ length: 5 }, () => run('list-students.js')));
  const bareMs = median(Array.from({ length: 5 }, () => run('bare.js')));
  return { bundles, coldStart: { ms, bareMs, ratio: ms / bareMs } };
}
