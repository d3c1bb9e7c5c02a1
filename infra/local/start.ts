import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createServer, type AddressInfo } from 'node:net';
import { ensureTables, localEnvironment, portIsFree, PortTakenError, portRequest, startDynamoLocal, type PortRequest } from './dynamodb-local';
import { s3Environment, startS3Local } from './s3-local';
import { PERMISSIONS } from '../../shared/domain/principal';
import { TABLES } from '../../shared/data/table-schema';

/**
 * `npm start`: DynamoDB Local (data kept in .local-data/), the tables, the demo school on first
 * run, and the local API. `--fresh` starts from empty.
 *
 * Each port is an option (flag or env var). Unset, it is the documented default, or a free port
 * when another process (another checkout's `npm start`) holds the default; set, it is that port
 * or a clear error. The banner prints the ports in use.
 */
const LOCAL_PORTS = {
  api: { flag: 'port', env: 'PORT', fallback: 3000 },
  dynamo: { flag: 'dynamo-port', env: 'DYNAMO_PORT', fallback: 8042 },
  s3: { flag: 's3-port', env: 'S3_PORT', fallback: 8043 },
  mail: { flag: 'mail-port', env: 'MAIL_PORT', fallback: 8025 },
} as const;

/** What is running, stopped on Ctrl-C and on a failed start (a DynamoDB Local left behind would hold its port). */
const running: (() => Promise<void>)[] = [];

async function main() {
  const { values } = parseArgs({
    options: {
      fresh: { type: 'boolean', default: false },
      // No default here: an unset port is the documented one if free, else any free one (LOCAL_PORTS).
      port: { type: 'string' },
      'dynamo-port': { type: 'string' },
      's3-port': { type: 'string' },
      'mail-port': { type: 'string' },
      // The browser tests run this very stack on a data folder of their own.
      'data-dir': { type: 'string', default: resolve(__dirname, '../../.local-data') },
    },
  });
  // Flags and env vars are read before anything starts, so a bad value fails at once.
  const ports = {
    api: portRequest(LOCAL_PORTS.api, values.port),
    dynamo: portRequest(LOCAL_PORTS.dynamo, values['dynamo-port']),
    s3: portRequest(LOCAL_PORTS.s3, values['s3-port']),
    mail: portRequest(LOCAL_PORTS.mail, values['mail-port']),
  };
  // A port asked for that is taken fails now, not after a minute of start-up (binding checks again).
  for (const [request, host] of [[ports.dynamo, undefined], [ports.s3, '127.0.0.1'], [ports.mail, '127.0.0.1'], [ports.api, '127.0.0.1']] as const) {
    if (request.explicit && request.port !== 0 && !(await portIsFree(request.port, host))) throw new PortTakenError(request);
  }
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

  const dynamo = await startDynamoLocal({ port: ports.dynamo, dbPath: join(dataDir, 'dynamodb') });
  running.push(() => dynamo.stop());
  await ensureTables(dynamo.endpoint, 'local');
  const s3 = await startS3Local({ port: ports.s3, directory: join(dataDir, 's3') });
  running.push(() => s3.stop());
  const { startMailLocal } = await import('./mail-local');
  const mail = await startMailLocal({ port: ports.mail, directory: join(dataDir, 'mail') });
  running.push(() => mail.stop());
  // Letters and mails link to the portal, so its address is settled before any handler loads.
  const apiPort = await settledPort(ports.api);
  const portalUrl = `http://127.0.0.1:${apiPort}/`;
  // Handlers read config at import: set the environment before loading any of them.
  Object.assign(process.env, localEnvironment(dynamo.endpoint, 'local'), s3Environment(s3.endpoint), {
    CODE_PEPPER: readFileSync(pepperFile, 'utf8').trim(),
    CODE_VAULT_KEY: readFileSync(vaultFile, 'utf8').trim(),
    ...signingKeys,
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    CONTRACT_CHECK_RESPONSES: 'true',
    MAIL_SMTP_URL: mail.url,
    MAIL_FROM: 'Parent Access <no-reply@parent-access.localhost>',
    PORTAL_URL: portalUrl,
  });
  const { loadDemoSchool, DEMO_DISTRICT, DEMO_SCHOOL } = await import('./demo-data');
  const { startLocalServer } = await import('./server');
  const { mintParentToken, mintStaffToken } = await import('./dev-auth');

  // Bulk jobs run the state machine CDK synthesizes, on the local interpreter.
  const { createLocalJobRunner } = await import('./job-runner');
  const { useLocalAdapters } = await import('../../shared/adapters');
  // Schedules are kept by their EventBridge Scheduler name, which is checked as AWS checks it.
  const { createLocalScheduler } = await import('./scheduler-local');
  useLocalAdapters({ jobStarter: createLocalJobRunner(), jobScheduler: createLocalScheduler() });

  const { settleInterruptedJobs } = await import('./recover-jobs');
  const interrupted = await settleInterruptedJobs();
  if (interrupted.length) console.log(`Jobs interrupted by the last stop, now settled: ${interrupted.map((j) => `${j.jobId} ${j.status}`).join(', ')}`);

  const demo = await loadDemoSchool();
  const { createConsoleHost, devIdentities } = await import('./console-host');
  const consoleHost = createConsoleHost({ identities: devIdentities(DEMO_DISTRICT, DEMO_SCHOOL), parentDistrict: DEMO_DISTRICT });
  const { mailInbox } = await import('./mail-inbox');
  const inbox = mailInbox(mail.directory);
  const server = await startLocalServer({
    port: { ...ports.api, port: apiPort },
    console: async (req, res, url, origin) => inbox(req, res, url) || consoleHost(req, res, url, origin),
  });
  // The outbox pipe's stand-in: every notice reaches the mailer, which sends to the local SMTP server.
  const { startNoticeRelay } = await import('./notice-relay');
  const relay = startNoticeRelay({ since: new Date().toISOString() });
  running.push(async () => relay.stop());
  running.unshift(() => server.close());
  // The data folder as typed relative to here when it is inside, else in full.
  const inside = relative(process.cwd(), dataDir);
  const shownDataDir = !inside ? '.' : inside.startsWith('..') || isAbsolute(inside) ? dataDir : inside;
  const adminToken = await mintStaffToken({ sub: 'demo-admin', district: DEMO_DISTRICT, schools: [DEMO_SCHOOL], permissions: [...PERMISSIONS] });
  const parentToken = await mintParentToken({ sub: 'p0000', district: DEMO_DISTRICT });

  console.log(`
Parent Access is running (local).
  Console:        ${server.url}/   (staff console and parent portal; staff: choose a dev identity)
  API:            ${server.url}
  API document:   ${server.url}/openapi.json   (OpenAPI 3.1)
  Metrics:        printed below as embedded-metric-format lines, as CloudWatch receives them
  DynamoDB Local: ${dynamo.endpoint}   (data in ${shownDataDir}/, ${demo.created ? 'demo school just loaded' : 'existing data kept'})
  Local S3:       ${s3.endpoint}   (exports of whole-school jobs, in ${shownDataDir}/s3/)
  Mail:           ${server.url}/_local/mail   (every mail sent, through the local SMTP server ${mail.url}; kept in ${shownDataDir}/mail/)
  School:         ${DEMO_SCHOOL} in ${DEMO_DISTRICT}
${movedNote([
  [ports.api, server.url, `API_URL=${server.url} for npm run job`],
  [ports.dynamo, dynamo.endpoint, `DYNAMO_PORT=${new URL(dynamo.endpoint).port} for npm run outbox`],
  [ports.s3, s3.endpoint, ''],
  [ports.mail, mail.url.replace('smtp:', 'http:'), ''],
])}
Admin token (all permissions, ${DEMO_SCHOOL}, 8 h):
export ADMIN_TOKEN=${adminToken}

Parent token (Rosa Abbiatici, parent p0000, 8 h; she signs in to the portal as rosa.abbiatici.0):
export PARENT_TOKEN=${parentToken}

More tokens: npm run token -- --help      Stop: Ctrl-C
`);

  const stop = async () => {
    await stopAll();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function stopAll(): Promise<void> {
  const stops = running.splice(0);
  // The API first (no new requests), then the stores.
  if (stops[0]) await stops[0]().catch(() => undefined);
  await Promise.all(stops.slice(1).map((stopOne) => stopOne().catch(() => undefined)));
}

/** The API's port, known before it listens (the portal's address is configuration): a default that is taken gives way to a free one. */
async function settledPort(request: PortRequest): Promise<number> {
  if (request.explicit && request.port !== 0) return request.port;
  if (request.port !== 0 && (await portIsFree(request.port, '127.0.0.1'))) return request.port;
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

/** A line per default port that was taken, so it is plain why the URL above is not the usual one. */
function movedNote(entries: [PortRequest, string, string][]): string {
  const moved = entries.filter(([request, url]) => !request.explicit && new URL(url).port !== String(request.port));
  if (!moved.length) return '';
  const lines = moved.map(([request, url, hint]) => `  Port ${request.port} (${request.label}) was taken: ${url} instead.${hint ? ` Set ${hint}.` : ''}`);
  return `\n${lines.join('\n')}\n`;
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
});
