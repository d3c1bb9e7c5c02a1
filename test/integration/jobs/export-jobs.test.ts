import '../../support/isolated-tables';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createLocalJobRunner, LocalJobRunner } from '../../../infra/local/job-runner';
import { processPage, PageState } from '../../../shared/jobs/engine';
import { getStudents } from '../../../shared/data/student-profiles';
import { readableCode } from '../../../shared/use-cases/codes';
import { nameOrderKey } from '../../../shared/domain/names';
import { mapWithConcurrency } from '../../../shared/concurrency';
import { fileStore } from '../../../shared/adapters';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';
import { seedStudents } from '../../support/seed';
import { auditOf } from '../../support/job-invariants';

/**
 * Whole-school exports as bulk jobs: the synthesized state machine on the local interpreter,
 * DynamoDB Local, and the files through the S3 API to the local S3-compatible server (s3rver);
 * the file is fetched the way staff fetch it, through the presigned link the API hands out.
 */
jest.setTimeout(240_000);

const STUDENTS = 800;
let api: Api;
let runner: LocalJobRunner;
let world: SchoolWorld;
let ids: string[];
let crashes = 0;
const dir = mkdtempSync(join(tmpdir(), 'export-jobs-'));

beforeAll(async () => {
  runner = createLocalJobRunner({
    retryPauseMs: 0,
    handlers: {
      // Two pages of the first letters job crash after doing their work (rows written, codes released).
      ProcessPage: async (input: PageState) => {
        const output = await processPage(input);
        if (input.job.type === 'code-letters' && crashes < 2 && input.segment.index % 5 === 0) {
          crashes++;
          throw new Error('Lambda crashed after the batch');
        }
        return output;
      },
    },
  });
  api = await startApi({ jobs: runner });
  world = await givenSchool({ studentCount: 0, parentCount: 0 });
  ids = await seedStudents(world.school, STUDENTS);
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

async function runJob(body: Record<string, unknown>, token = world.adminToken, w = world) {
  const started = await api.request('POST', `/schools/${w.school.schoolId}/jobs`, { token, body });
  expect(started.status).toBe(202);
  await runner.wait(started.body.jobId);
  return (await api.request('GET', `/schools/${w.school.schoolId}/jobs/${started.body.jobId}`, { token: world.adminToken })).body;
}

async function download(jobId: string, w = world) {
  const link = await api.request('GET', `/schools/${w.school.schoolId}/jobs/${jobId}/file`, { token: w.adminToken });
  expect(link.status).toBe(200);
  const answer = await fetch(link.body.url);
  expect(answer.status).toBe(200);
  return { link: link.body, bytes: Buffer.from(await answer.arrayBuffer()), disposition: answer.headers.get('content-disposition') };
}

test('a whole-school CSV export of 800 students: one file in name order whose codes match the store, each release audited once', async () => {
  const job = await runJob({ type: 'export-codes' });
  expect(job).toMatchObject({ status: 'SUCCEEDED', total: STUDENTS, processed: STUDENTS, effects: STUDENTS, failed: 0 });
  expect(job.file).toEqual({ name: expect.stringMatching(/^codes-[\w-]+-\d{4}-\d\d-\d\d\.csv$/), contentType: 'text/csv; charset=utf-8', bytes: expect.any(Number), rows: STUDENTS });
  expect(JSON.stringify(job)).not.toContain('jobs/');

  const { link, bytes, disposition } = await download(job.jobId);
  expect(disposition).toBe(`attachment; filename="${job.file.name}"`);
  expect(bytes.byteLength).toBe(job.file.bytes);
  expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parse(bytes, { bom: true }) as string[][];
  expect(header![5]).toBe('Code');
  expect(rows).toHaveLength(STUDENTS);

  const students = await getStudents(world.school, ids);
  const byNumber = new Map([...students.values()].map((s) => [s.studentNumber, s]));
  const expected = await mapWithConcurrency(rows, 32, (row) => readableCode(byNumber.get(row[2]!)!));
  expect(rows.map((row) => row[5])).toEqual(expected);
  expect(new Set(rows.map((row) => row[2])).size).toBe(STUDENTS);
  const order = rows.map((row) => { const s = byNumber.get(row[2]!)!; return nameOrderKey(s.lastName, s.firstName, s.studentId); });
  expect(order).toEqual([...order].sort());

  const released = await auditOf(api, world, 'code.exported');
  expect(released.filter((e) => e.details.jobId === job.jobId)).toHaveLength(STUDENTS);
  expect([...students.values()].every((s) => s.exportedByJob === job.jobId && s.codeExportedAt)).toBe(true);
  const linked = await auditOf(api, world, 'job.file-linked');
  expect(linked).toEqual([expect.objectContaining({ actor: expect.objectContaining({ type: 'staff' }), details: expect.objectContaining({ jobId: job.jobId, rows: STUDENTS }) })]);
  // Only the file is left: the parts were joined and removed.
  expect(await (await fileStore()).list(`jobs/${job.jobId}/`)).toEqual([`jobs/${job.jobId}/${job.file.name}`]);
});

test('letters for one grade, with two batches that crash after their work: one page per student, no release audited twice', async () => {
  const grade = await givenSchool({ studentCount: 0, parentCount: 0 });
  const roster = Array.from({ length: 230 }, (_, i) => ({
    studentId: `g${i}`, firstName: i === 0 ? 'Zoë' : `Kid${i}`, lastName: i === 0 ? 'Nguyễn' : `Family${String(i).padStart(3, '0')}`,
    studentNumber: `${700000 + i}`, grade: i % 2 ? '4' : '5',
  }));
  expect((await api.request('PUT', `/schools/${grade.school.schoolId}/roster`, { token: grade.adminToken, body: { students: roster } })).status).toBe(200);
  const started = await api.request('POST', `/schools/${grade.school.schoolId}/jobs`, { token: grade.adminToken, body: { type: 'code-letters', grade: '5' } });
  expect(started.status).toBe(202);
  await runner.wait(started.body.jobId);
  const job = (await api.request('GET', `/schools/${grade.school.schoolId}/jobs/${started.body.jobId}`, { token: grade.adminToken })).body;
  expect(crashes).toBe(2);
  expect(job).toMatchObject({ status: 'SUCCEEDED', grade: '5', total: 115, processed: 115, effects: 115, failed: 0 });

  const { bytes } = await download(job.jobId, grade);
  const file = join(dir, 'letters.pdf');
  writeFileSync(file, bytes);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  expect(pages).toBe(115);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Zoë Nguyễn');
  const fifth = roster.filter((r) => r.grade === '5');
  const students = await getStudents(grade.school, fifth.map((r) => r.studentId));
  for (const student of students.values()) expect(text).toContain(await readableCode(student));
  expect(text).not.toContain('Kid1 ');

  const released = await auditOf(api, grade, 'code.exported');
  expect(released.map((e) => e.studentId).sort()).toEqual(fifth.map((r) => r.studentId).sort());
  expect(released.every((e) => e.details.format === 'pdf' && e.details.jobId === job.jobId)).toBe(true);
});

test('a preview counts and releases nothing; it has no file (409), and the file of another school is not found', async () => {
  const before = await auditOf(api, world, 'code.exported');
  const preview = await runJob({ type: 'export-codes', dryRun: true });
  expect(preview).toMatchObject({ status: 'SUCCEEDED', dryRun: true, total: STUDENTS, effects: STUDENTS });
  expect(preview.file).toBeUndefined();
  const none = await api.request('GET', `/schools/${world.school.schoolId}/jobs/${preview.jobId}/file`, { token: world.adminToken });
  expect(none).toMatchObject({ status: 409, body: { error: { code: 'JOB_FILE_NOT_READY' } } });
  expect(await auditOf(api, world, 'code.exported')).toHaveLength(before.length);

  const other = await givenSchool({ studentCount: 1, parentCount: 0 });
  const real = (await api.request('GET', `/schools/${world.school.schoolId}/jobs?limit=10`, { token: world.adminToken })).body.items.find((j: any) => j.file);
  const stranger = await api.request('GET', `/schools/${other.school.schoolId}/jobs/${real.jobId}/file`, { token: other.adminToken });
  expect(stranger.status).toBe(404);
});

test('an export job needs codes:export besides jobs:run; a grade does not go with other job types', async () => {
  const runOnly = await world.tokenFor(['jobs:run', 'students:read', 'codes:reset']);
  const refused = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: runOnly, body: { type: 'code-letters' } });
  expect(refused).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  const wrong = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: world.adminToken, body: { type: 'reset-codes', grade: '5' } });
  expect(wrong).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
});

test('a download link stops working once it expires (the local S3 server checks the presigned expiry as S3 does)', async () => {
  const store = await fileStore();
  await store.put('jobs/expiry-test/file.csv', 'x', 'text/csv');
  // A long-lived link works (not timing-dependent); a one-second link, fetched two seconds on, is refused.
  expect((await fetch(await store.downloadLink('jobs/expiry-test/file.csv', 'file.csv', 600))).status).toBe(200);
  const url = await store.downloadLink('jobs/expiry-test/file.csv', 'file.csv', 1);
  await new Promise((resolve) => setTimeout(resolve, 2100));
  expect((await fetch(url)).status).toBe(403);
});
