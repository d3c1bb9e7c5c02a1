import '../../support/isolated-tables';
import { createLocalJobRunner, LocalJobRunner } from '../../../infra/local/job-runner';
import { processPage, PageState } from '../../../shared/jobs/engine';
import { getStudents } from '../../../shared/data/student-profiles';
import { getParents } from '../../../shared/data/parents';
import { linksOfStudent } from '../../../shared/data/links';
import { mapWithConcurrency } from '../../../shared/concurrency';
import { dynamo, table } from '../../../shared/data/client';
import { upsertRoster } from '../../../shared/use-cases/roster';
import { districtState } from '../../support/state';
import { auditOf } from '../../support/job-invariants';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';

/**
 * A OneRoster import too large for one request: files PUT through presigned links to the local
 * S3-compatible server, then an import-oneroster job on the synthesized state machine.
 */
jest.setTimeout(240_000);

const STUDENTS = 300;
const USERS = 'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password';
const csv = (rows: string[]) => '\ufeff' + rows.join('\r\n') + '\r\n';

let api: Api;
let runner: LocalJobRunner;
let crashes = 0;
/** The job whose first page attempt dies part-way: after this many of its link writes. */
let diesPartWay: { jobId?: string; afterLinks: number } | undefined;

/** Runs the page while DynamoDB answers every link write after the first `afterLinks` with an error no retry gets past (a Lambda timing out part-way). */
async function dyingAfterLinks<T>(afterLinks: number, run: () => Promise<T>): Promise<T> {
  let links = 0;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const items = (args.input as { TransactItems?: { Put?: { TableName?: string } }[] }).TransactItems ?? [];
      if (context.commandName === 'TransactWriteItemsCommand' && items.some((item) => item.Put?.TableName === table('links')) && ++links > afterLinks) {
        throw new Error('Task timed out part-way (injected)');
      }
      return next(args);
    },
    { step: 'initialize', name: 'dieAfterLinks' },
  );
  try {
    return await run();
  } finally {
    dynamo.middlewareStack.remove('dieAfterLinks');
  }
}

beforeAll(async () => {
  runner = createLocalJobRunner({
    retryPauseMs: 0,
    handlers: {
      // One page crashes after writing its chunks: the retry must change nothing more.
      ProcessPage: async (input: PageState) => {
        if (diesPartWay && diesPartWay.jobId === undefined && input.job.type === 'import-oneroster' && !input.job.dryRun) {
          diesPartWay.jobId = input.job.jobId;
          return dyingAfterLinks(diesPartWay.afterLinks, () => processPage(input));
        }
        const output = await processPage(input);
        if (input.job.type === 'import-oneroster' && !input.job.dryRun && crashes < 1) {
          crashes++;
          throw new Error('Lambda crashed after the batch');
        }
        return output;
      },
    },
  });
  api = await startApi({ jobs: runner });
});
afterAll(() => api.close());

/** Siblings share guardians: every third family has two children, and each child two guardians. */
function bigUsers(world: SchoolWorld): string {
  const rows = [USERS];
  let guardian = 0;
  for (let i = 0; i < STUDENTS; ) {
    const children = i % 3 === 0 && i + 1 < STUDENTS ? 2 : 1;
    const parents = [`g${guardian}`, `g${guardian + 1}`];
    guardian += 2;
    for (let c = 0; c < children; c++, i++) rows.push(`s${i},active,,true,${world.school.schoolId},student,,,Kid${i},"Family, ${Math.floor(i / 2)}",,${800000 + i},,,,"${parents.join(',')}",${(i % 12) + 1},`);
    for (const p of parents) rows.push(`${p},active,,true,,guardian,${p}.${world.school.schoolId},,Parent,${p},,,${p}@example.org,,,,,`);
  }
  return csv(rows);
}

async function upload(world: SchoolWorld, files: Record<string, string>) {
  const declared = Object.entries(files).map(([name, text]) => ({ name, bytes: Buffer.byteLength(text) }));
  const links = await api.request('POST', `/schools/${world.school.schoolId}/roster/uploads`, { token: world.adminToken, body: { files: declared } });
  expect(links.status).toBe(200);
  for (const { name, url, headers } of links.body.files as { name: string; url: string; headers: Record<string, string> }[]) {
    expect((await fetch(url, { method: 'PUT', body: files[name], headers })).status).toBe(200);
  }
  return links.body.uploadId as string;
}

async function runImport(world: SchoolWorld, body: Record<string, unknown>) {
  const started = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: world.adminToken, body: { type: 'import-oneroster', ...body } });
  expect(started.status).toBe(202);
  await runner.wait(started.body.jobId);
  return (await api.request('GET', `/schools/${world.school.schoolId}/jobs/${started.body.jobId}`, { token: world.adminToken })).body;
}

test('300 students and 400 guardians through an upload and a job: checked, written in chunks, linked; a re-import changes nothing', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const uploadId = await upload(world, { 'users.csv': bigUsers(world) });
  const parentCount = (bigUsers(world).match(/,guardian,/g) ?? []).length;

  const preview = await runImport(world, { uploadId, dryRun: true });
  expect(preview).toMatchObject({ status: 'SUCCEEDED', total: STUDENTS + parentCount, processed: STUDENTS + parentCount, effects: 0 });
  expect((await getStudents(world.school, ['s0'])).size).toBe(0);

  const job = await runImport(world, { uploadId, linkGuardians: true });
  expect(crashes).toBe(1);
  expect(job).toMatchObject({ status: 'SUCCEEDED', total: STUDENTS + parentCount, processed: STUDENTS + parentCount, failed: 0 });
  expect(job.tally).toMatchObject({ studentsCreated: STUDENTS, parentsWritten: parentCount, linksCreated: STUDENTS * 2, skippedUsers: 0 });
  const ids = Array.from({ length: STUDENTS }, (_, i) => `s${i}`);
  const students = await getStudents(world.school, ids);
  expect(students.size).toBe(STUDENTS);
  expect(students.get('s7')).toMatchObject({ lastName: 'Family, 3', grade: '8', studentNumber: '800007' });
  expect((await getParents(world.districtId, ['g0', 'g1', `g${parentCount - 1}`])).size).toBe(3);
  const links = await mapWithConcurrency(ids, 32, (id) => linksOfStudent(world.school, id));
  expect(links.flat()).toHaveLength(STUDENTS * 2);
  // Siblings s0 and s1 share guardians g0 and g1.
  expect(links[1]!.map((l) => l.parentId).sort()).toEqual(['g0', 'g1']);

  const before = await districtState(world);
  const again = await runImport(world, { uploadId, linkGuardians: true, idempotencyKey: 'again' });
  expect(again).toMatchObject({ status: 'SUCCEEDED', effects: 0 });
  expect(again.tally).toMatchObject({ studentsUnchanged: STUDENTS, parentsUnchanged: parentCount, linksExisting: STUDENTS * 2 });
  const after = await districtState(world);
  for (const table of ['students', 'parents', 'links', 'codes', 'outbox']) expect(after[table]).toEqual(before[table]);
});

test('a page that dies part-way is retried and still counts each record once, as its first write did', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const rows = [USERS];
  for (let i = 0; i < 30; i++) {
    rows.push(`s${i},active,,true,${world.school.schoolId},student,,,Kid${i},Family${i},,${700000 + i},,,,"g${i}a,g${i}b",${(i % 12) + 1},`);
    for (const g of [`g${i}a`, `g${i}b`]) rows.push(`${g},active,,true,,guardian,${g}.${world.school.schoolId},,Parent,${g},,,${g}@example.org,,,,,`);
  }
  // Ten of the students are already on the roster under another name: the import updates them.
  await upsertRoster(world.school, { students: Array.from({ length: 10 }, (_, i) => ({ studentId: `s${i}`, firstName: `Kid${i}`, lastName: 'Before', studentNumber: String(700000 + i) })), parents: [] }, { type: 'system', id: 'test-setup' });
  const uploadId = await upload(world, { 'users.csv': csv(rows) });

  diesPartWay = { afterLinks: 25 };
  try {
    const job = await runImport(world, { uploadId, linkGuardians: true });
    expect(diesPartWay.jobId).toBe(job.jobId);
    expect(job).toMatchObject({ status: 'SUCCEEDED', total: 90, processed: 90, failed: 0, effects: 10 + 20 + 60 + 60 });
    expect(job.tally).toMatchObject({ studentsCreated: 20, studentsUpdated: 10, studentsUnchanged: 0, parentsWritten: 60, parentsUnchanged: 0, linksCreated: 60, linksExisting: 0 });
  } finally {
    diesPartWay = undefined;
  }
  const links = await mapWithConcurrency(Array.from({ length: 30 }, (_, i) => `s${i}`), 16, (id) => linksOfStudent(world.school, id));
  expect(links.flat()).toHaveLength(60);
  // One audit event per change, none from the retry.
  const byTheJob = async (action: string) => (await auditOf(api, world, action)).filter((e) => e.actor.type === 'staff');
  expect(await byTheJob('link.created')).toHaveLength(60);
  expect(await byTheJob('student.created')).toHaveLength(20);
  expect(await byTheJob('student.updated')).toHaveLength(10);
});

test('bad files fail the job with every problem by file, line and column, and nothing is written', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const users = csv([USERS, `ok1,active,,true,${world.school.schoolId},student,,,Ann,Able,,1,,,,,3,`, `bad id!,active,,true,${world.school.schoolId},student,,,Bo,Bad,,2,,,,,3,`, `ok2,active,,true,${world.school.schoolId},student,,,"Cy,Cee,,3,,,,,3,`]);
  const uploadId = await upload(world, { 'users.csv': users });
  const before = await districtState(world);
  const job = await runImport(world, { uploadId });
  expect(job).toMatchObject({ status: 'FAILED', total: 0, processed: 0, problem: { code: 'ROSTER_FILE_INVALID' } });
  expect(job.problem.details).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'users.csv', line: 4 })]));
  const after = await districtState(world);
  for (const table of ['students', 'parents', 'links', 'codes', 'outbox']) expect(after[table]).toEqual(before[table]);
});

test('an import needs its upload (and roster:write); upload links are for this school only', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const missing = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: world.adminToken, body: { type: 'import-oneroster' } });
  expect(missing).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
  const never = await runImport(world, { uploadId: crypto.randomUUID() });
  expect(never).toMatchObject({ status: 'FAILED', problem: { code: 'VALIDATION_FAILED', message: expect.stringContaining('users.csv') } });
  const noUsers = await api.request('POST', `/schools/${world.school.schoolId}/roster/uploads`, { token: world.adminToken, body: { files: [{ name: 'orgs.csv', bytes: 10 }] } });
  expect(noUsers.status).toBe(400);
  const reader = await world.tokenFor(['students:read', 'jobs:run']);
  expect((await api.request('POST', `/schools/${world.school.schoolId}/roster/uploads`, { token: reader, body: { files: [{ name: 'users.csv', bytes: 10 }] } })).status).toBe(403);
  expect((await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: reader, body: { type: 'import-oneroster', uploadId: crypto.randomUUID() } })).status).toBe(403);
  // Another school's upload id names no files of this school: the job reads this school's uploads/ only.
  const other = await givenSchool({ studentCount: 0, parentCount: 0 });
  const theirs = await upload(other, { 'users.csv': csv([USERS, `x1,active,,true,${other.school.schoolId},student,,,X,Y,,1,,,,,3,`]) });
  expect(await runImport(world, { uploadId: theirs })).toMatchObject({ status: 'FAILED', problem: { code: 'VALIDATION_FAILED' } });
});
