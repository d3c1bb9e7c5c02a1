import { createLocalJobRunner } from '../infra/local/job-runner';
import { SEGMENT_CONCURRENCY } from '../infra/constructs/bulk-jobs';
import { config } from '../shared/config';
import { putSchool, School } from '../shared/data/schools';
import { getStudent } from '../shared/data/student-profiles';
import { resetCodeForJob } from '../shared/data/student-job-writes';
import { commitPage, getJob } from '../shared/data/jobs';
import { mapWithConcurrency } from '../shared/concurrency';
import { issueCode } from '../shared/use-cases/codes';
import { startJob } from '../shared/jobs/start-job';
import { useLocalAdapters } from '../shared/adapters';
import { PERMISSIONS } from '../shared/domain/principal';
import { seedStudents } from '../test/support/seed';

const PAIRS = 3;
/** Concurrencies tried for the baseline; it keeps the best, the rate most favourable to it. */
const BASELINE_CONCURRENCIES = [16, 32, 64, 128, 256, 512];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Reset All through the real state machine, against the same store doing exactly the writes a
 * reset makes (per student: read it, put the new lookup, switch the student, remove the old
 * lookup; per 100 students: the page's progress and audit event in one transaction), issued
 * directly, with no orchestration. After a warm-up pass of each, the baseline's best concurrency is found, then
 * the two run in turns (raw, job, raw, job, …): the figures are medians over the pairs, and the
 * ratio the median of the pairs' ratios. Every pass resets every student once.
 */
export async function benchResetAll(students: number) {
  const school: School = { schoolId: 'bench-reset', districtId: 'bench', name: 'Bench' };
  await putSchool(school);
  const seedStart = Date.now();
  const ids = await seedStudents(school, students);
  console.log(`seeded ${students} students in ${((Date.now() - seedStart) / 1000).toFixed(0)} s`);

  let rawRun = 0;
  const rawPass = async (concurrency: number) => {
    const marker = `raw-${++rawRun}`;
    const start = performance.now();
    const pages = Array.from({ length: Math.ceil(ids.length / 100) }, (_, i) => ids.slice(i * 100, i * 100 + 100));
    // Pages in parallel, each `concurrency / 16` pages' worth of students at once, as the job's segments do.
    await mapWithConcurrency(pages, Math.max(1, Math.round(concurrency / config.JOB_ITEM_CONCURRENCY)), async (page, index) => {
      await mapWithConcurrency(page, config.JOB_ITEM_CONCURRENCY, async (id) => {
        const student = (await getStudent(school, id))!;
        const outcome = await resetCodeForJob(student, await issueCode(school, id, new Date()), marker);
        if (outcome !== 'replaced') throw new Error(`raw reset ${outcome}`);
      });
      await commitPage(marker, index, 1, { processed: page.length, effects: page.length, failed: 0, failedIds: [] }, [{
        districtId: school.districtId, schoolId: school.schoolId, action: 'code.reset', actor: { type: 'system', id: 'bench' }, at: new Date().toISOString(), details: { jobId: marker, count: page.length, students: page.join(',') },
      }]);
    });
    return students / ((performance.now() - start) / 1000);
  };

  const runner = createLocalJobRunner();
  useLocalAdapters({ jobStarter: runner });
  const staff = { kind: 'staff' as const, id: 'bench', districtId: school.districtId, schools: 'district' as const, permissions: new Set(PERMISSIONS) };
  const jobPass = async () => {
    const start = performance.now();
    const job = await startJob(school, staff, { type: 'reset-codes', dryRun: false, toleratedFailurePercent: 0 }, { type: 'system', id: 'bench' });
    await runner.wait(job.jobId);
    const seconds = (performance.now() - start) / 1000;
    const done = (await getJob(job.jobId))!;
    if (done.status !== 'SUCCEEDED' || done.effects !== students) throw new Error(`Reset All did not complete: ${JSON.stringify(done)}`);
    return students / seconds;
  };

  const jobConcurrency = SEGMENT_CONCURRENCY * config.JOB_ITEM_CONCURRENCY;
  await rawPass(jobConcurrency); // warm-up, not counted
  await jobPass(); // warm-up, not counted
  const concurrencyRates: Record<number, number> = {};
  for (const concurrency of BASELINE_CONCURRENCIES) concurrencyRates[concurrency] = await rawPass(concurrency);
  const baselineConcurrency = BASELINE_CONCURRENCIES.reduce((best, c) => (concurrencyRates[c]! > concurrencyRates[best]! ? c : best));
  const pairs: { raw: number; ours: number }[] = [];
  for (let k = 0; k < PAIRS; k++) pairs.push({ raw: await rawPass(baselineConcurrency), ours: await jobPass() });
  const ratioMedian = median(pairs.map((p) => p.ours / p.raw));
  return {
    students,
    studentsPerSecond: median(pairs.map((p) => p.ours)),
    rawWritesPerSecond: median(pairs.map((p) => p.raw)),
    ratio: ratioMedian,
    ratioMedian,
    pairs,
    baselineConcurrency,
    concurrencyRates,
    concurrency: jobConcurrency,
  };
}
