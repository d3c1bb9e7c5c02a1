/* eslint-disable jest/no-standalone-expect -- each case's checks run inside the test.each at the end */
import '../../support/isolated-tables';
import { parse } from 'csv-parse/sync';
import { createLocalJobRunner, LocalJobRunner } from '../../../infra/local/job-runner';
import { planJob, processPage, writeJobFile, PageState } from '../../../shared/jobs/engine';
import { JOB_TYPES, type JobType } from '../../../shared/jobs/registry';
import { getStudents } from '../../../shared/data/student-profiles';
import { getParents } from '../../../shared/data/parents';
import { linksOfStudent } from '../../../shared/data/links';
import { nameGuardian, openInvitation } from '../../../shared/data/guardians';
import { readableCode } from '../../../shared/use-cases/codes';
import { mapWithConcurrency } from '../../../shared/concurrency';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';
import { seedLinks, seedStudents } from '../../support/seed';
import { auditOf, clearsAudited, expectOneRedeemableCodeEach, injectThrottling, resetsAudited } from '../../support/job-invariants';

/**
 * Every bulk job type, run by the synthesized state machine while everything that can go wrong
 * does: the plan, every page and the file step each die once after doing their work
 * (so Step Functions retries work already done), and DynamoDB throttles one write in ten and one
 * read in fifteen. Each type must still end exact: its counts, its effects, one audit per change.
 * The cases are keyed by job type, so a new type does not compile without one.
 */
jest.setTimeout(240_000);

const STUDENTS = 240;
let api: Api;
let runner: LocalJobRunner;
const crashes = new Map<string, number>();
const crashOnce = (key: string) => {
  const seen = crashes.get(key) ?? 0;
  crashes.set(key, seen + 1);
  return seen === 0;
};

beforeAll(async () => {
  runner = createLocalJobRunner({
    retryPauseMs: 0,
    handlers: {
      Plan: async (input: Parameters<typeof planJob>[0]) => {
        const output = await planJob(input);
        if (crashOnce(`plan:${input.executionName}`)) throw new Error('Lambda crashed after planning');
        return output;
      },
      ProcessPage: async (input: PageState) => {
        const output = await processPage(input);
        if (crashOnce(`page:${input.job.jobId}:${input.segment.index}:${input.page ?? 0}`)) {
          throw new Error('Lambda crashed after the batch');
        }
        return output;
      },
      WriteFile: async (input: Parameters<typeof writeJobFile>[0]) => {
        const output = await writeJobFile(input);
        if (crashOnce(`file:${input.job.jobId}`)) throw new Error('Lambda crashed after writing the file');
        return output;
      },
    },
  });
  api = await startApi({ jobs: runner });
});
afterAll(() => api.close());

interface FaultCase {
  /** The school as the job finds it, and the job's request. */
  given(world: SchoolWorld): Promise<{ body: Record<string, unknown>; ids: string[] }>;
  /** What must hold once the job is done, however often its parts ran. */
  expectExact(world: SchoolWorld, job: Record<string, any>, ids: string[]): Promise<void>;
}

const linkedStudents = (ids: string[]) => ids.filter((_, i) => i % 3 === 0);

async function fileOf(world: SchoolWorld, jobId: string): Promise<Buffer> {
  const link = await api.request('GET', `/schools/${world.school.schoolId}/jobs/${jobId}/file`, { token: world.adminToken });
  expect(link.status).toBe(200);
  return Buffer.from(await (await fetch(link.body.url)).arrayBuffer());
}

async function expectEachCodeReleasedOnce(world: SchoolWorld, jobId: string, ids: string[]) {
  const released = (await auditOf(api, world, 'code.exported')).filter((e) => e.details.jobId === jobId).map((e) => e.studentId as string);
  expect(released.sort()).toEqual([...ids].sort());
}


/** Guardians of two siblings each (g0 of b0 and b1, …); every fourth has no email. */
async function seedGuardians(world: SchoolWorld, ids: string[]): Promise<{ withEmail: string[]; without: string[] }> {
  const guardians = Array.from({ length: ids.length / 2 }, (_, i) => ({ parentId: `g${i}`, hasEmail: i % 4 !== 3, children: [ids[2 * i]!, ids[2 * i + 1]!] }));
  await mapWithConcurrency(guardians, 16, (g) =>
    nameGuardian(world.school, { parentId: g.parentId, firstName: 'Guardian', lastName: g.parentId, hasEmail: g.hasEmail }, g.children, {
      districtId: world.districtId, schoolId: world.school.schoolId, action: 'guardian.named', actor: { type: 'system', id: 'test' }, at: new Date().toISOString(), parentId: g.parentId,
    }),
  );
  return { withEmail: guardians.filter((g) => g.hasEmail).map((g) => g.parentId), without: guardians.filter((g) => !g.hasEmail).map((g) => g.parentId) };
}

const jobEvents = async (world: SchoolWorld, action: string, jobId: string) =>
  (await auditOf(api, world, action)).filter((e) => e.details?.jobId === jobId).map((e) => e.parentId as string).sort();

const CASES: Record<JobType, FaultCase> = {
  'reset-codes': {
    async given(world) {
      return { body: { type: 'reset-codes' }, ids: await seedStudents(world.school, STUDENTS) };
    },
    async expectExact(world, job, ids) {
      expect(job).toMatchObject({ total: STUDENTS, processed: STUDENTS, effects: STUDENTS });
      expect((await resetsAudited(api, world, job.jobId)).sort()).toEqual([...ids].sort());
      await expectOneRedeemableCodeEach(world, ids);
    },
  },
  'clear-links': {
    async given(world) {
      const ids = await seedStudents(world.school, STUDENTS);
      await seedLinks(world.school, linkedStudents(ids).flatMap((id, i) => [[id, `p${i % 4}`], [id, `p${(i + 1) % 4}`]] as [string, string][]));
      return { body: { type: 'clear-links' }, ids };
    },
    async expectExact(world, job, ids) {
      expect(job).toMatchObject({ total: STUDENTS, processed: STUDENTS, effects: linkedStudents(ids).length * 2 });
      const left = await mapWithConcurrency(ids, 16, (id) => linksOfStudent(world.school, id));
      expect(left.flat()).toEqual([]);
      // Every link removed is listed by its page's event, none twice (a crashed page's retry lists from the markers).
      const removed = await clearsAudited(api, world, job.jobId);
      expect(removed.sort()).toEqual(linkedStudents(ids).flatMap((id, i) => [`${id}:p${i % 4}`, `${id}:p${(i + 1) % 4}`]).sort());
    },
  },
  'set-passwords': {
    async given(world) {
      return { body: { type: 'set-passwords', confirmAccounts: world.parents.length }, ids: world.parents.map((p) => p.parentId) };
    },
    async expectExact(world, job, ids) {
      expect(job).toMatchObject({ total: ids.length, processed: ids.length, effects: ids.length });
      const parents = await getParents(world.districtId, ids);
      for (const id of ids) expect({ id, job: parents.get(id)?.passwordSetByJob, temporary: Boolean(parents.get(id)?.tempPassword) }).toEqual({ id, job: job.jobId, temporary: true });
      const set = (await auditOf(api, world, 'parent.password-set')).filter((e) => e.details.jobId === job.jobId).map((e) => e.parentId as string);
      expect(set.sort()).toEqual([...ids].sort());
      const signIn = await api.request('POST', '/auth/sign-in', { body: { district: world.districtId, userName: world.parents[1]!.userName, password: 'Family1P' } });
      expect(signIn.body.challenge).toBe('NEW_PASSWORD_REQUIRED');
    },
  },
  'export-codes': {
    async given(world) {
      return { body: { type: 'export-codes' }, ids: await seedStudents(world.school, STUDENTS) };
    },
    async expectExact(world, job, ids) {
      expect(job).toMatchObject({ total: STUDENTS, processed: STUDENTS, effects: STUDENTS, file: expect.objectContaining({ rows: STUDENTS }) });
      const [, ...rows] = parse(await fileOf(world, job.jobId), { bom: true }) as string[][];
      const students = await getStudents(world.school, ids);
      const byNumber = new Map([...students.values()].map((s) => [s.studentNumber, s]));
      expect(rows.map((row) => row[5])).toEqual(await mapWithConcurrency(rows, 16, (row) => readableCode(byNumber.get(row[2]!)!)));
      expect(new Set(rows.map((row) => row[2])).size).toBe(STUDENTS);
      await expectEachCodeReleasedOnce(world, job.jobId, ids);
    },
  },
  'code-letters': {
    async given(world) {
      return { body: { type: 'code-letters' }, ids: await seedStudents(world.school, STUDENTS) };
    },
    async expectExact(world, job, ids) {
      expect(job).toMatchObject({ total: STUDENTS, processed: STUDENTS, effects: STUDENTS, file: expect.objectContaining({ rows: STUDENTS }) });
      const pdf = (await fileOf(world, job.jobId)).toString('latin1');
      // One page per student: pdfkit writes each page object's dictionary uncompressed.
      expect(pdf.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(STUDENTS);
      await expectEachCodeReleasedOnce(world, job.jobId, ids);
    },
  },
  'import-oneroster': {
    async given(world) {
      const header = 'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password';
      const rows = [header];
      for (let i = 0; i < 120; i++) {
        rows.push(`s${i},active,,true,${world.school.schoolId},student,,,Kid${i},Family${i},,${700000 + i},,,,"g${i}a,g${i}b",${(i % 12) + 1},`);
        for (const g of [`g${i}a`, `g${i}b`]) rows.push(`${g},active,,true,,guardian,${g}.${world.school.schoolId},,Parent,${g},,,${g}@example.org,,,,,`);
      }
      const users = '\ufeff' + rows.join('\r\n') + '\r\n';
      const links = await api.request('POST', `/schools/${world.school.schoolId}/roster/uploads`, { token: world.adminToken, body: { files: [{ name: 'users.csv', bytes: Buffer.byteLength(users) }] } });
      expect(links.status).toBe(200);
      expect((await fetch(links.body.files[0].url, { method: 'PUT', body: users, headers: links.body.files[0].headers })).status).toBe(200);
      return { body: { type: 'import-oneroster', uploadId: links.body.uploadId, linkGuardians: true }, ids: Array.from({ length: 120 }, (_, i) => `s${i}`) };
    },
    async expectExact(world, job, ids) {
      expect(job).toMatchObject({ total: ids.length * 3, processed: ids.length * 3 });
      expect(job.tally).toMatchObject({ studentsCreated: ids.length, parentsWritten: ids.length * 2, linksCreated: ids.length * 2 });
      const students = await getStudents(world.school, ids);
      expect(students.size).toBe(ids.length);
      const guardians = await getParents(world.districtId, ids.flatMap((id) => [`g${id.slice(1)}a`, `g${id.slice(1)}b`]));
      expect(guardians.size).toBe(ids.length * 2);
      const links = await mapWithConcurrency(ids, 16, async (id) => (await linksOfStudent(world.school, id)).map((l) => l.parentId).sort());
      expect(links).toEqual(ids.map((id) => [`g${id.slice(1)}a`, `g${id.slice(1)}b`]));
    },
  },
  'code-census': {
    async given(world) {
      const ids = await seedStudents(world.school, STUDENTS);
      await seedLinks(world.school, linkedStudents(ids).map((id) => [id, 'p0'] as [string, string]));
      return { body: { type: 'code-census' }, ids };
    },
    async expectExact(world, job, ids) {
      const unlinked = ids.length - linkedStudents(ids).length;
      expect(job).toMatchObject({ total: STUDENTS, processed: STUDENTS, tally: { students: STUDENTS, neverRedeemed: STUDENTS, unlinked }, file: expect.objectContaining({ rows: unlinked }) });
      const [, ...rows] = parse(await fileOf(world, job.jobId), { bom: true }) as string[][];
      expect(rows).toHaveLength(unlinked);
    },
  },
  'invite-guardians': {
    async given(world) {
      const ids = await seedStudents(world.school, STUDENTS);
      const { withEmail } = await seedGuardians(world, ids);
      return { body: { type: 'invite-guardians' }, ids: withEmail };
    },
    async expectExact(world, job, invitable) {
      expect(job).toMatchObject({ total: STUDENTS, processed: STUDENTS, effects: invitable.length, tally: { invited: invitable.length, noEmail: STUDENTS / 2 - invitable.length } });
      // Each guardian invited once (one audit event, one queued mail), though siblings share it and pages ran twice.
      expect(await jobEvents(world, 'guardian.invited', job.jobId)).toEqual([...invitable].sort());
    },
  },
  'remind-invitations': {
    async given(world) {
      const ids = await seedStudents(world.school, STUDENTS);
      const { withEmail } = await seedGuardians(world, ids);
      const at = new Date().toISOString();
      // Half the invitations end tomorrow (due), half in ten days (not yet).
      const due = withEmail.filter((_, i) => i % 2 === 0);
      await mapWithConcurrency(withEmail, 16, (parentId) =>
        openInvitation(
          world.school, parentId,
          { id: `inv-${parentId}`, invitedAt: at, expiresAt: new Date(Date.now() + (due.includes(parentId) ? 1 : 10) * 86_400_000).toISOString() },
          { districtId: world.districtId, schoolId: world.school.schoolId, action: 'guardian.invited', actor: { type: 'system', id: 'test' }, at, parentId },
          { type: 'invitation.sent', at, districtId: world.districtId, schoolId: world.school.schoolId, parentId, invitationId: `inv-${parentId}` },
        ),
      );
      return { body: { type: 'remind-invitations' }, ids: due };
    },
    async expectExact(world, job, due) {
      expect(job).toMatchObject({ total: STUDENTS, processed: STUDENTS, effects: due.length });
      expect(await jobEvents(world, 'guardian.reminded', job.jobId)).toEqual([...due].sort());
    },
  },
};

test.each(JOB_TYPES)('%s ends exact through crashes at every step and DynamoDB throttling', async (type) => {
  const world = await givenSchool({ studentCount: 0, parentCount: type === 'set-passwords' ? 30 : 4 });
  const { body, ids } = await CASES[type].given(world);
  const started = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: world.adminToken, body });
  expect(started.status).toBe(202);
  const jobId = started.body.jobId as string;
  const throttling = injectThrottling(10, 15);
  try {
    await runner.wait(jobId);
  } finally {
    throttling.stop();
  }
  const job = (await api.request('GET', `/schools/${world.school.schoolId}/jobs/${jobId}`, { token: world.adminToken })).body;
  expect(job).toMatchObject({ status: 'SUCCEEDED', failed: 0, abandonedSegments: 0 });
  expect(throttling.counts.throttled).toBeGreaterThan(5);
  const crashed = [...crashes.keys()].filter((key) => key.includes(jobId) || key.startsWith('plan:'));
  expect(crashed.some((key) => key.startsWith('page:'))).toBe(true);
  // The file step (a pass-through for jobs without a file) ran again after its crash.
  expect(crashes.get(`file:${jobId}`)).toBe(2);
  await CASES[type].expectExact(world, job, ids);
});
