import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createLocalJobRunner } from '../infra/local/job-runner';
import { SEGMENT_CONCURRENCY } from '../infra/constructs/bulk-jobs';
import { config } from '../shared/config';
import { dynamo } from '../shared/data/client';
import { putSchool, School } from '../shared/data/schools';
import { getStudents, codeSwapItems } from '../shared/data/students';
import { auditPut } from '../shared/data/audit';
import { getJob } from '../shared/data/jobs';
import { mapWithConcurrency } from '../shared/concurrency';
import { issueCode } from '../shared/use-cases/codes';
import { startJob } from '../shared/use-cases/jobs';
import { registerLocalJobStarter } from '../shared/ports/job-starter';
import { PERMISSIONS } from '../shared/domain/principal';
import { seedStudents } from '../test/support/seed';

/**
 * Reset All through the real state machine, against the same store doing exactly the writes a
 * reset makes per student (read the student, then the same 4-item transaction), issued directly
 * with the SDK at the job's own concurrency (segments × items per page).
 */
export async function benchResetAll(students: number) {
  const school: School = { schoolId: 'bench-reset', districtId: 'bench', name: 'Bench' };
  await putSchool(school);
  const seedStart = Date.now();
  const ids = await seedStudents(school, students);
  console.log(`seeded ${students} students in ${((Date.now() - seedStart) / 1000).toFixed(0)} s`);

  // Baseline first: the raw rate of the store for a reset's writes, at the job's concurrency.
  const concurrency = SEGMENT_CONCURRENCY * config.JOB_ITEM_CONCURRENCY;
  const rawStart = performance.now();
  await mapWithConcurrency(ids, concurrency, async (id) => {
    const student = (await getStudents(school.schoolId, [id])).get(id)!;
    const at = new Date();
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [...Object.values(codeSwapItems(student, await issueCode(school, id, at))), auditPut({ schoolId: school.schoolId, action: 'code.reset', actor: { type: 'system', id: 'bench' }, at: at.toISOString(), studentId: id })],
      }),
    );
  });
  const rawSeconds = (performance.now() - rawStart) / 1000;

  const runner = createLocalJobRunner();
  registerLocalJobStarter(runner);
  const staff = { kind: 'staff' as const, id: 'bench', districtId: school.districtId, schools: 'district' as const, permissions: new Set(PERMISSIONS) };
  const jobStart = performance.now();
  const job = await startJob(school, staff, { type: 'reset-codes', dryRun: false, toleratedFailurePercent: 0 }, { type: 'system', id: 'bench' });
  await runner.wait(job.jobId);
  const jobSeconds = (performance.now() - jobStart) / 1000;
  const done = (await getJob(job.jobId))!;
  if (done.status !== 'SUCCEEDED' || done.effects !== students) throw new Error(`Reset All did not complete: ${JSON.stringify(done)}`);
  const studentsPerSecond = students / jobSeconds;
  const rawWritesPerSecond = students / rawSeconds;
  return { students, seconds: jobSeconds, studentsPerSecond, rawSeconds, rawWritesPerSecond, ratio: studentsPerSecond / rawWritesPerSecond, concurrency };
}
