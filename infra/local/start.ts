import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureTables, localEnvironment, startDynamoLocal } from './dynamodb-local';
import { s3Environment, startS3Local } from './s3-local';
import { PERMISSIONS } from '../../shared/domain/principal';
import { TABLES } from '../../shared/data/table-schema';

/**
 * `npm start`: DynamoDB Local (data kept in .local-data/), the tables, the demo school on first
 * run, and the local API. `--fresh` starts from empty.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      fresh: { type: 'boolean', default: false },
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      'dynamo-port': { type: 'string', default: process.env.DYNAMO_PORT ?? '8042' },
      's3-port': { type: 'string', default: process.env.S3_PORT ?? '8043' },
      // The browser tests run this very stack on a data folder of their own.
      'data-dir': { type: 'string', default: resolve(__dirname, '../../.local-data') },
    },
  });
  const dataDir = resolve(values['data-dir']);
  // Data written under other table definitions (an older checkout) would half-work: start over.
  const schemaFile = join(dataDir, 'schema.json');
  // The item format counts too: codes became sealed (format 2), tokens RS256, students carry link summaries (3).
  const schema = JSON.stringify({ tables: TABLES, itemFormat: 3 });
  const stale = existsSync(schemaFile) && readFileSync(schemaFile, 'utf8') !== schema;
  if (stale) console.log('The table definitions changed since this local data was written: starting fresh.');
  if (values.fresh || stale || (existsSync(dataDir) && !existsSync(schemaFile))) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });
  writeFileSync(schemaFile, schema);

  // The pepper and the vault key must survive restarts, or every stored code would stop matching
  // (pepper) or opening (vault key).
  const pepperFile = join(dataDir, 'code-pepper');
  if (!existsSync(pepperFile)) writeFileSync(pepperFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const vaultFile = join(dataDir, 'code-vault-key');
  if (!existsSync(vaultFile)) writeFileSync(vaultFile, randomBytes(32).toString('hex'), { mode: 0o600 });

  const { persistentLocalKeys } = await import('./local-keys');
  const signingKeys = await persistentLocalKeys(dataDir);

  const dynamo = await startDynamoLocal({ port: Number(values['dynamo-port']), dbPath: join(dataDir, 'dynamodb') });
  await ensureTables(dynamo.endpoint, 'local');
  const s3 = await startS3Local({ port: Number(values['s3-port']), directory: join(dataDir, 's3') });
  // Handlers read config at import: set the environment before loading any of them.
  Object.assign(process.env, localEnvironment(dynamo.endpoint, 'local'), s3Environment(s3.endpoint), {
    CODE_PEPPER: readFileSync(pepperFile, 'utf8').trim(),
    CODE_VAULT_KEY: readFileSync(vaultFile, 'utf8').trim(),
    ...signingKeys,
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    CONTRACT_CHECK_RESPONSES: 'true',
  });
  const { loadDemoSchool, DEMO_DISTRICT, DEMO_SCHOOL } = await import('./demo-data');
  const { startLocalServer } = await import('./server');
  const { mintParentToken, mintStaffToken } = await import('./dev-auth');

  // Bulk jobs run the state machine CDK synthesizes, on the local interpreter.
  const { createLocalJobRunner } = await import('./job-runner');
  const { registerLocalJobStarter } = await import('../../shared/ports/job-starter');
  registerLocalJobStarter(createLocalJobRunner());

  const { settleInterruptedJobs } = await import('./recover-jobs');
  const interrupted = await settleInterruptedJobs();
  if (interrupted.length) console.log(`Jobs interrupted by the last stop, now settled: ${interrupted.map((j) => `${j.jobId} ${j.status}`).join(', ')}`);

  const demo = await loadDemoSchool();
  const { createConsoleHost, devIdentities } = await import('./console-host');
  const consoleHost = createConsoleHost({ identities: devIdentities(DEMO_DISTRICT, DEMO_SCHOOL), parentDistrict: DEMO_DISTRICT });
  const server = await startLocalServer({ port: Number(values.port), console: consoleHost });
  const adminToken = await mintStaffToken({ sub: 'demo-admin', district: DEMO_DISTRICT, schools: [DEMO_SCHOOL], permissions: [...PERMISSIONS] });
  const parentToken = await mintParentToken({ sub: 'p0000', district: DEMO_DISTRICT });

  console.log(`
Parent Access is running (local).
  Console:        ${server.url}/   (staff console and parent portal; staff: choose a dev identity)
  API:            ${server.url}
  API document:   ${server.url}/openapi.json   (OpenAPI 3.1)
  Metrics:        printed below as embedded-metric-format lines, as CloudWatch receives them
  DynamoDB Local: ${dynamo.endpoint}   (data in .local-data/, ${demo.created ? 'demo school just loaded' : 'existing data kept'})
  Local S3:       ${s3.endpoint}   (exports of whole-school jobs, in .local-data/s3/)
  School:         ${DEMO_SCHOOL} in ${DEMO_DISTRICT}

Admin token (all permissions, ${DEMO_SCHOOL}, 8 h):
export ADMIN_TOKEN=${adminToken}

Parent token (Rosa Abbiatici, parent p0000, 8 h; she signs in to the portal as rosa.abbiatici.0):
export PARENT_TOKEN=${parentToken}

More tokens: npm run token -- --help      Stop: Ctrl-C
`);

  const stop = async () => {
    await server.close();
    await Promise.all([dynamo.stop(), s3.stop()]);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
