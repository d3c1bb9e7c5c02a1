import '../../support/isolated-tables';
import { createLocalJobRunner } from '../../../infra/local/job-runner';
import { mintStaffToken } from '../../../infra/local/dev-auth';
import { getJobItem } from '../../../shared/data/jobs';
import { PAGE_SIZE, TARGET_SEGMENTS, studentsPerSegment } from '../../../shared/domain/jobs';
import { PERMISSIONS, staffDisplayName, type StaffPrincipal } from '../../../shared/domain/principal';
import { principalFromClaims } from '../../../shared/http/principal';
import { processPage, type PageState } from '../../../shared/jobs/engine';
import { MIN_PAGE_SIZE, PROGRESS_PAGES_PER_SEGMENT, pageSizeFor } from '../../../shared/jobs/page-size';
import { givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../../support/world';
import { seedStudents } from '../../support/seed';

/**
 * Issue 23, "progress that moves": a Reset All of a few hundred students shows its count climb
 * while it runs, as a console polling GET …/jobs/{jobId} sees it, not "0 of 400" and then done.
 * The synthesized state machine on the local interpreter, against DynamoDB Local; no clocks: the
 * job is read through the API right after each page commits (the page worker wrapped), so what
 * is seen follows from the commits alone.
 */
jest.setTimeout(120_000);

const STUDENTS = 400;

interface Seen {
  jobId: string;
  segment: number;
  page: number;
  status: string;
  processed: number;
  total?: number;
  failed: number;
  startedAt: string;
  updatedAt?: string;
}

let api: Api;
let world: SchoolWorld;
let token: string;
const reads: Seen[] = [];

const runner = createLocalJobRunner({
  retryPauseMs: 0,
  handlers: {
    ProcessPage: async (state: PageState) => {
      const next = await processPage(state);
      if (state.job.schoolId !== world.school.schoolId) return next;
      // The page has committed (or found itself committed): what a poller would see now.
      const job = await api.request('GET', `/schools/${state.job.schoolId}/jobs/${state.job.jobId}`, { token });
      if (job.status !== 200) throw new Error(`GET job answered ${job.status}`);
      reads.push({ segment: state.segment.index, page: next.page ?? 0, ...job.body });
      return next;
    },
  },
});

beforeAll(async () => {
  api = await startApi({ jobs: runner });
  world = await givenSchool({ studentCount: 0, parentCount: 0 });
  await seedStudents(world.school, STUDENTS);
  token = await mintStaffToken({ sub: uniqueId('pat'), name: 'Pat Principal', district: world.districtId, schools: [world.school.schoolId], permissions: [...PERMISSIONS] });
});
afterAll(() => api.close());

test('the page size gives small and medium schools several pages per segment, and a million students the page size of old', () => {
  const segmentsOf = (total: number) => Math.ceil(total / studentsPerSegment(total));
  expect(pageSizeFor(500, segmentsOf(500))).toBe(13);
  expect(pageSizeFor(STUDENTS, segmentsOf(STUDENTS))).toBe(13);
  expect(pageSizeFor(10, 1)).toBe(MIN_PAGE_SIZE);
  // From 64 segments × 8 pages × 100 students on, every page is PAGE_SIZE: the cloud model's figures stand.
  expect(pageSizeFor(TARGET_SEGMENTS * PROGRESS_PAGES_PER_SEGMENT * PAGE_SIZE, TARGET_SEGMENTS)).toBe(PAGE_SIZE);
  expect(pageSizeFor(1_000_000, segmentsOf(1_000_000))).toBe(PAGE_SIZE);
  expect(segmentsOf(1_000_000)).toBe(TARGET_SEGMENTS);
  for (const total of [1, 99, 100, 101, 700, 6_400, 20_000, 51_200, 1_000_000]) {
    const segments = segmentsOf(total);
    const size = pageSizeFor(total, segments);
    // Several pages per segment, unless the pages are as small as they go or as large as before.
    const pages = Math.ceil(total / segments / size);
    expect({ total, bounded: size >= MIN_PAGE_SIZE && size <= PAGE_SIZE, several: pages >= PROGRESS_PAGES_PER_SEGMENT - 1 || size === MIN_PAGE_SIZE || size === PAGE_SIZE })
      .toEqual({ total, bounded: true, several: true });
  }
});

test('Reset All of 400 students: the count a poller sees climbs page by page, and ends exact', async () => {
  const started = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token, body: { type: 'reset-codes', idempotencyKey: 'progress-1' } });
  expect(started.status).toBe(202);
  expect(started.body).toMatchObject({ startedByName: 'Pat Principal', startedAt: started.body.createdAt, processed: 0 });
  await runner.wait(started.body.jobId);
  const seen = reads.filter((s) => s.jobId === started.body.jobId);

  const final = await api.request('GET', `/schools/${world.school.schoolId}/jobs/${started.body.jobId}`, { token });
  expect(final.body).toMatchObject({ status: 'SUCCEEDED', total: STUDENTS, processed: STUDENTS, effects: STUDENTS, failed: 0, abandonedSegments: 0, startedByName: 'Pat Principal' });
  const stored = (await getJobItem(started.body.jobId))!;
  // Four segments of 100, each in pages of 13: eight commits per segment.
  expect({ segments: stored.segments, pageSize: stored.pageSize }).toEqual({ segments: 4, pageSize: 13 });
  expect(final.body.pages).toBeGreaterThanOrEqual(4 * PROGRESS_PAGES_PER_SEGMENT);
  expect(seen).toHaveLength(final.body.pages);

  // A segment's pages run one after another: each read after its page sees that page counted
  // and the next not yet, so a segment alone yields a rising series of counts below the total.
  const between = new Set(seen.map((s) => s.processed).filter((n) => n > 0 && n < STUDENTS));
  expect(between.size).toBeGreaterThanOrEqual(3);
  for (const segment of [0, 1, 2, 3]) {
    const mine = seen.filter((s) => s.segment === segment).sort((a, b) => a.page - b.page);
    expect(mine.map((s) => s.page)).toEqual(mine.map((_, i) => i + 1));
    for (let i = 1; i < mine.length; i++) expect(mine[i]!.processed).toBeGreaterThan(mine[i - 1]!.processed);
  }

  // What a console needs for elapsed time and an estimate, on every read while it ran.
  for (const s of seen) {
    expect(s).toMatchObject({ status: 'RUNNING', total: STUDENTS, failed: 0, startedAt: started.body.createdAt });
    expect(s.updatedAt! >= s.startedAt).toBe(true);
  }
  expect(final.body.updatedAt).toBe([...seen.map((s) => s.updatedAt!)].sort().at(-1));
  expect(final.body.updatedAt <= final.body.finishedAt).toBe(true);

  // The list shows the same.
  const listed = await api.request('GET', `/schools/${world.school.schoolId}/jobs`, { token });
  expect(listed.body.items.find((j: { jobId: string }) => j.jobId === started.body.jobId)).toMatchObject({
    startedByName: 'Pat Principal', startedAt: final.body.startedAt, updatedAt: final.body.updatedAt, processed: STUDENTS, total: STUDENTS, failed: 0,
  });
});

test("a scheduled job is shown by its schedule's name; staff without a name in the token by their email, else their id", async () => {
  const small = await givenSchool({ studentCount: 2, parentCount: 0 });
  const jobId = uniqueId('scheduled');
  // As EventBridge Scheduler starts it: no job id, the scheduler as actor; Plan registers it.
  await runner.start(jobId, { type: 'reset-codes', schoolId: small.school.schoolId, districtId: small.districtId, actor: { type: 'scheduler', id: 'school-year' } });
  await runner.wait(jobId);
  const scheduled = await api.request('GET', `/schools/${small.school.schoolId}/jobs/${jobId}`, { token: small.adminToken });
  expect(scheduled.body).toMatchObject({ status: 'SUCCEEDED', startedByName: 'Schedule "school-year"', actor: { type: 'scheduler', id: 'school-year' } });

  // The dev issuer mints no email claim; Cognito's ID tokens carry one.
  const claims = { sub: 'casey-7', district: small.districtId, schools: `[${small.school.schoolId}]`, permissions: '[jobs:run codes:reset]' };
  expect(staffDisplayName(principalFromClaims({ ...claims, email: 'casey@lincoln.example' }, 'staff') as StaffPrincipal)).toBe('casey@lincoln.example');
  expect(staffDisplayName(principalFromClaims({ ...claims, email: 'casey@lincoln.example', name: 'Casey Clerk' }, 'staff') as StaffPrincipal)).toBe('Casey Clerk');
  const nameless = await mintStaffToken({ sub: uniqueId('casey'), district: small.districtId, schools: [small.school.schoolId], permissions: [...PERMISSIONS] });
  const started = await api.request('POST', `/schools/${small.school.schoolId}/jobs`, { token: nameless, body: { type: 'reset-codes', dryRun: true } });
  expect(started.status).toBe(202);
  expect(started.body.startedByName).toBe(started.body.actor.id);
  await runner.wait(started.body.jobId);
});
