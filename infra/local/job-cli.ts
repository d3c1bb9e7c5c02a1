import { parseArgs } from 'node:util';
import { JOB_TYPES } from '../../shared/jobs/registry';
import { PERMISSIONS } from '../../shared/domain/principal';
import { DEMO_DISTRICT, DEMO_SCHOOL } from './demo-data';
import { persistentLocalKeys } from './local-keys';
import { mintStaffToken } from './dev-auth';

const usage = `Start a bulk job on the local service (npm start) and follow it.
  npm run job -- <${JOB_TYPES.join('|')}> [--school ID] [--district ID] [--preview] [--parents p1,p2] [--confirm-accounts N] [--grade G] [--url http://127.0.0.1:3000]`;

async function main() {
  // Sign with the keys `npm start` keeps, which its server trusts.
  Object.assign(process.env, { ...(await persistentLocalKeys()), ...process.env });
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      school: { type: 'string', default: DEMO_SCHOOL },
      district: { type: 'string', default: DEMO_DISTRICT },
      preview: { type: 'boolean', default: false },
      parents: { type: 'string' },
      'confirm-accounts': { type: 'string' },
      grade: { type: 'string' },
      url: { type: 'string', default: process.env.API_URL ?? 'http://127.0.0.1:3000' },
      help: { type: 'boolean', default: false },
    },
  });
  const type = positionals[0] as (typeof JOB_TYPES)[number];
  if (values.help || !JOB_TYPES.includes(type)) return console.log(usage);
  const token = await mintStaffToken({ sub: 'job-cli', district: values.district, schools: [values.school], permissions: [...PERMISSIONS] });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(values.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await response.json()) as Record<string, any>;
    if (!response.ok) throw new Error(`${response.status} ${json.error?.code}: ${json.error?.message}`);
    return json;
  };
  const started = await call('POST', `/schools/${values.school}/jobs`, {
    type,
    dryRun: values.preview,
    ...(values.parents ? { parentIds: values.parents.split(',') } : {}),
    ...(values['confirm-accounts'] !== undefined ? { confirmAccounts: Number(values['confirm-accounts']) } : {}),
    ...(values.grade ? { grade: values.grade } : {}),
  });
  console.log(`${values.preview ? 'Preview' : 'Job'} ${started.jobId} started (${type}, ${values.school})`);
  for (;;) {
    const job = await call('GET', `/schools/${values.school}/jobs/${started.jobId}`);
    const total = job.total ?? 0;
    const done = job.processed + job.failed;
    const width = 30;
    const filled = total ? Math.round((Math.min(done, total) / total) * width) : 0;
    process.stdout.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total || '?'}  changed ${job.effects}  failed ${job.failed}  ${job.status}   `);
    if (!['RUNNING', 'CANCELLING'].includes(job.status)) {
      process.stdout.write('\n');
      if (job.status !== 'SUCCEEDED') process.exitCode = 1;
      if (job.problem) console.log(`${job.problem.code}: ${job.problem.message}`);
      if (job.tally) console.log(Object.entries(job.tally).map(([name, n]) => `${name} ${n}`).join(', '));
      // A job's file (an export, a census), through the short-lived link staff get too.
      if (job.file) console.log(`${job.file.name}: ${(await call('GET', `/schools/${values.school}/jobs/${started.jobId}/file`)).url}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
