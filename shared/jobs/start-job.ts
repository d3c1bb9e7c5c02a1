import { createHash } from 'node:crypto';
import { assertStaffMay, Actor, StaffPrincipal, staffDisplayName } from '../domain/principal';
import type { School } from '../data/schools';
import { schoolRef, type SchoolRef } from '../data/keys';
import { config } from '../config';
import { JobLimitError, JobTypeRunningError } from '../domain/errors';
import { getJob, runningJobCounts } from '../data/jobs';
import { jobStarter } from '../adapters';
import { publicJob, type PublicJob } from '../use-cases/school-jobs';
import { jobType, type JobType, type StartOptions } from './registry';
import { admitJob } from './admission';
import { registerJob, type ExecutionInput } from './engine';

/** Deterministic, so starting "the same job" twice names the same execution (at most 80 characters). */
export function jobIdFor(type: JobType, school: SchoolRef, key: string, dryRun: boolean): string {
  const digest = createHash('sha256').update(`${type}|${school.districtId}|${school.schoolId}|${dryRun}|${key}`).digest('hex').slice(0, 24);
  return `${dryRun ? 'preview' : type}-${digest}`;
}

/** A start request: the fields every job has, its `type`, and that type's options (the registry's). */
export type StartRequest = {
  [T in JobType]: { type: T; dryRun: boolean; idempotencyKey?: string; toleratedFailurePercent: number } & StartOptions<T>;
}[JobType];

/**
 * Start (or preview, with `dryRun`) a bulk job from the API. It needs the job type's own
 * permission too. The same idempotency key gives the same job: the second call returns the first
 * job and starts nothing. The type's options go to the execution as they came: the route's
 * schema (built from the registry) has already refused any option of another type. At most
 * MAX_RUNNING_JOBS_PER_SCHOOL jobs of a school run at once, previews included (they read the
 * whole school too): past it, 409 JOB_LIMIT; and one of each type (409 JOB_TYPE_RUNNING).
 */
export async function startJob(school: School, staff: StaffPrincipal, request: StartRequest, actor: Actor, correlationId?: string): Promise<PublicJob> {
  const { type, dryRun, idempotencyKey, toleratedFailurePercent, ...options } = request;
  assertStaffMay(staff, jobType(type).permission, school.schoolId, `start a ${jobType(type).label} job`);
  await admitJob(type, school, staff, options, dryRun);
  const jobId = jobIdFor(type, school, idempotencyKey ?? crypto.randomUUID(), dryRun);
  const input: ExecutionInput & { jobId: string } = {
    jobId, type, dryRun, toleratedFailurePercent, options, ...schoolRef(school), actor, startedByName: staffDisplayName(staff), correlationId,
    ...(staff.schools === 'district' ? { mayClaimParents: true } : {}),
  };
  // Start first, then register: a start that fails leaves no job shown as running that never
  // will, and an execution whose registration failed here registers itself when it plans.
  // Both steps are idempotent by job id, so a retried request converges.
  // The school's job limit: refused here, before anything starts, when it is reached already;
  // two starts at one moment are told apart by the registration's conditional write.
  const max = config.MAX_RUNNING_JOBS_PER_SCHOOL;
  const earlier = await getJob(jobId);
  if (!earlier) {
    const running = await runningJobCounts(school, type);
    if (running.ofType >= 1) throw new JobTypeRunningError(type);
    if (running.all >= max) throw new JobLimitError(max);
  }
  await (await jobStarter()).start(jobId, input);
  await registerJob(school, input, { limited: true });
  const job = (await getJob(jobId))!;
  if (job.problem?.code === 'JOB_LIMIT') throw new JobLimitError(max);
  if (job.problem?.code === 'JOB_TYPE_RUNNING') throw new JobTypeRunningError(type);
  return publicJob(job);
}
