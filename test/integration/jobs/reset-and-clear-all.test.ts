import '../../support/isolated-tables';
import { createLocalJobRunner, LocalJobRunner } from '../../../infra/local/job-runner';
import { getStudents } from '../../../shared/data/student-profiles';
import { findCodeOwner } from '../../../shared/data/student-codes';
import { linksOfStudent } from '../../../shared/data/links';
import { mapWithConcurrency } from '../../../shared/concurrency';
import { PAGE_SIZE, studentsPerSegment } from '../../../shared/domain/jobs';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';
import { seedLinks, seedStudents } from '../../support/seed';
import { auditOf, clearsAudited } from '../../support/job-invariants';
import { PAGE_AUDIT_ENTRIES, processPage, type PageState } from '../../../shared/jobs/engine';
import { readOutbox } from '../../../shared/data/outbox';

/**
 * Reset All and Clear All over 700 students (seven segments), executed by the state machine CDK synthesizes,
 * on the local interpreter, against DynamoDB Local.
 */
jest.setTimeout(180_000);

const STUDENTS = 700;
let api: Api;
let runner: LocalJobRunner;
let world: SchoolWorld;
let ids: string[];
const linkPairs: [string, string][] = [];

beforeAll(async () => {
  runner = createLocalJobRunner({ retryPauseMs: 0 });
  api = await startApi({ jobs: runner });
  world = await givenSchool({ studentCount: 0, parentCount: 40 });
  ids = await seedStudents(world.school, STUDENTS);
  for (let i = 0; i < 140; i++) linkPairs.push([ids[i * 5]!, `p${i % 40}`]);
  await seedLinks(world.school, linkPairs);
});
afterAll(() => api.close());

async function runJob(body: Record<string, unknown>) {
  const started = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: world.adminToken, body });
  expect(started.status).toBe(202);
  const execution = await runner.wait(started.body.jobId);
  const job = (await api.request('GET', `/schools/${world.school.schoolId}/jobs/${started.body.jobId}`, { token: world.adminToken })).body;
  return { job, execution };
}

async function snapshot() {
  const students = await getStudents(world.school, ids);
  const links = await mapWithConcurrency(ids, 32, (id) => linksOfStudent(world.school, id));
  return { codes: new Map([...students].map(([id, s]) => [id, s.codeHash])), links: links.flat().length };
}

test('preview counts what Reset All will do, and writes nothing', async () => {
  const before = await snapshot();
  const { job } = await runJob({ type: 'reset-codes', dryRun: true });
  expect(job).toMatchObject({ status: 'SUCCEEDED', dryRun: true, total: STUDENTS, processed: STUDENTS, effects: STUDENTS, failed: 0 });
  expect(await snapshot()).toEqual(before);
});

test('Reset All changes every code exactly once; old codes die, links stay; the history shows the fan-out', async () => {
  const before = await snapshot();
  const { job, execution } = await runJob({ type: 'reset-codes', idempotencyKey: 'reset-all-1' });
  expect(job).toMatchObject({ status: 'SUCCEEDED', total: STUDENTS, processed: STUDENTS, effects: STUDENTS, failed: 0, abandonedSegments: 0 });

  const after = await snapshot();
  expect(after.links).toBe(before.links);
  for (const id of ids) expect(after.codes.get(id)).not.toBe(before.codes.get(id));
  expect(new Set(after.codes.values()).size).toBe(STUDENTS);
  // Snapshots hold code hashes (readable codes are sealed at rest); the hash is the look-up key.
  const owners = await mapWithConcurrency(ids, 32, async (id) => ({
    old: await findCodeOwner(before.codes.get(id)!),
    current: await findCodeOwner(after.codes.get(id)!),
  }));
  expect(owners.filter((o) => o.old)).toHaveLength(0);
  expect(owners.every((o, i) => o.current?.studentId === ids[i])).toBe(true);

  // Exactly once: the job's per-page audit events list every student once.
  const resets: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.request('GET', `/schools/${world.school.schoolId}/audit?action=code.reset&limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: world.adminToken });
    for (const e of page.body.items as { details?: { jobId?: string; students?: string } }[]) if (e.details?.jobId === job.jobId) resets.push(...e.details!.students!.split(','));
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(resets.sort()).toEqual([...ids].sort());

  // Fan-out: one map iteration per segment, one page task per page, all on the reset worker.
  const iterations = execution.events.filter((e) => e.type === 'MapIterationStarted');
  // Equal segments of the school: one map iteration each.
  expect(iterations).toHaveLength(Math.ceil(STUDENTS / studentsPerSegment(STUDENTS)));
  const pages = execution.events.filter((e) => e.type === 'StateEntered' && (e as { state?: { name?: string } }).state?.name?.startsWith('ProcessPage'));
  expect(new Set(pages.map((e) => (e as { state?: { name?: string } }).state?.name))).toEqual(new Set(['ProcessPage-reset-codes']));
  expect(pages.length).toBe(job.pages);
  expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(STUDENTS / 100));

  // Starting the same job again is a no-op: same job, no second execution.
  const again = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: world.adminToken, body: { type: 'reset-codes', idempotencyKey: 'reset-all-1' } });
  expect(again.body.jobId).toBe(job.jobId);
  expect([...runner.executions.keys()].filter((k) => k === job.jobId)).toHaveLength(1);
  expect((await snapshot()).codes).toEqual(after.codes);
});

test('Clear All removes every link, counted exactly, as its preview said', async () => {
  const preview = await runJob({ type: 'clear-links', dryRun: true });
  expect(preview.job.effects).toBe(linkPairs.length);
  const { job } = await runJob({ type: 'clear-links' });
  expect(job).toMatchObject({ status: 'SUCCEEDED', processed: STUDENTS, effects: linkPairs.length, failed: 0 });
  expect((await snapshot()).links).toBe(0);
  const finished = await api.request('GET', `/schools/${world.school.schoolId}/audit?action=job.finished&limit=10`, { token: world.adminToken });
  expect(finished.body.items[0]).toMatchObject({ details: expect.objectContaining({ jobId: job.jobId, status: 'SUCCEEDED', effects: linkPairs.length }) });
  // The trail lists every link removed once, in one event per page that had links, not one per link.
  expect((await clearsAudited(api, world, job.jobId)).sort()).toEqual(linkPairs.map(([student, parent]) => `${student}:${parent}`).sort());
  const events = (await auditOf(api, world, 'link.removed')).filter((e) => e.details.jobId === job.jobId);
  expect(events.length).toBeLessThanOrEqual(job.pages);
  expect(events.length).toBeGreaterThan(0);
  // Each parent is still told, one notice per link removed.
  const notices = (await readOutbox({ districtId: world.districtId })).filter((e) => e.type === 'link.removed' && e.schoolId === world.school.schoolId);
  expect(notices.map((e) => `${e.studentId}:${e.parentId}`).sort()).toEqual(linkPairs.map(([student, parent]) => `${student}:${parent}`).sort());
});

test(`a page whose students have more than ${PAGE_AUDIT_ENTRIES} links lists them in several events, each within DynamoDB's item size`, async () => {
  // Pages of PAGE_SIZE students come to schools of more than ~51,000 (pageSizeFor); a smaller
  // school's pages are too small to list 1,000 links (a student's links clear in one transaction,
  // so at most ~49 each). Here the school's 100 students are one segment read as such a school's
  // page of 100, the size a large school's plan gives; with 11 parents each, 1,100 links.
  const crowded = await givenSchool({ studentCount: 0, parentCount: 11 });
  const students = await seedStudents(crowded.school, 100);
  const pairs = students.flatMap((student) => crowded.parents.map((parent) => [student, parent.parentId] as [string, string]));
  await seedLinks(crowded.school, pairs);
  const large = createLocalJobRunner({ retryPauseMs: 0, handlers: { ProcessPage: (state: PageState) => processPage({ ...state, segment: { ...state.segment, pageSize: PAGE_SIZE } }) } });
  const largeApi = await startApi({ jobs: large });
  try {
    const started = await largeApi.request('POST', `/schools/${crowded.school.schoolId}/jobs`, { token: crowded.adminToken, body: { type: 'clear-links' } });
    await large.wait(started.body.jobId);
    const job = (await largeApi.request('GET', `/schools/${crowded.school.schoolId}/jobs/${started.body.jobId}`, { token: crowded.adminToken })).body;
    expect(job).toMatchObject({ status: 'SUCCEEDED', effects: 1_100 });
    const counts = (await auditOf(largeApi, crowded, 'link.removed')).filter((e) => e.details.jobId === job.jobId).map((e) => e.details.count as number);
    expect(counts.sort((a, b) => a - b)).toEqual([100, PAGE_AUDIT_ENTRIES]);
    expect((await clearsAudited(largeApi, crowded, job.jobId)).sort()).toEqual(pairs.map(([student, parent]) => `${student}:${parent}`).sort());
  } finally {
    await largeApi.close();
  }
});
