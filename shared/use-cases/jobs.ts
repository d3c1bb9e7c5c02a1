import { createHash } from 'node:crypto';
import { ValidationError, NotFoundError, JobNotRunningError } from '../domain/errors';
import { assertStaffMay, Actor, StaffPrincipal } from '../domain/principal';
import type { School } from '../data/schools';
import { getJob, Job, listJobs, requestCancel } from '../data/jobs';
import { jobStarter } from '../ports/job-starter';
import { jobType, jobWork, JobType } from '../jobs/registry';
import { registerJob } from '../jobs/engine';

/** Deterministic, so starting "the same job" twice names the same execution (at most 80 characters). */
export function jobIdFor(type: JobType, schoolId: string, key: string, dryRun: boolean): string {
  const digest = createHash('sha256').update(`${type}|${schoolId}|${dryRun}|${key}`).digest('hex').slice(0, 24);
  return `${dryRun ? 'preview' : type}-${digest}`;
}

export interface StartRequest {
  type: JobType;
  dryRun: boolean;
  parentIds?: string[];
  idempotencyKey?: string;
  toleratedFailurePercent: number;
}

/**
 * Start (or preview, with `dryRun`) a bulk job from the API. It needs the job type's own
 * permission too. The same idempotency key gives the same job: the second call returns the first
 * job and starts nothing.
 */
export async function startJob(school: School, staff: StaffPrincipal, request: StartRequest, actor: Actor, correlationId?: string): Promise<Job> {
  const type = jobType(request.type);
  assertStaffMay(staff, type.permission, school.schoolId);
  if (request.parentIds && !type.takesParentIds) throw new ValidationError(`parentIds do not go with ${request.type} jobs.`);
  await (await jobWork(request.type)).admit?.(school, request);
  const jobId = jobIdFor(request.type, school.schoolId, request.idempotencyKey ?? crypto.randomUUID(), request.dryRun);
  const input = { jobId, ...request, schoolId: school.schoolId, actor, correlationId };
  // Start first, then register: a start that fails leaves no job shown as running that never
  // will, and an execution whose registration failed here registers itself when it plans.
  // Both steps are idempotent by job id, so a retried request converges.
  await (await jobStarter()).start(jobId, input);
  await registerJob(school, input);
  return (await getJob(jobId))!;
}

export async function listJobsOfSchool(school: School, page: { limit: number; cursor?: string }) {
  return listJobs(school.schoolId, page);
}

/** Another school's job is "not found", like any id outside the caller's scope. */
export async function jobOfSchool(school: School, jobId: string): Promise<Job> {
  const job = await getJob(jobId);
  if (!job || job.schoolId !== school.schoolId) throw new NotFoundError('Job');
  return job;
}

/** Workers stop before their next page; the summary then records the job as CANCELLED. */
export async function cancelJob(school: School, jobId: string, actor: Actor): Promise<Job> {
  await jobOfSchool(school, jobId);
  const asked = await requestCancel(jobId, { schoolId: school.schoolId, action: 'job.cancelled', actor, at: new Date().toISOString(), details: { jobId } });
  if (!asked) throw new JobNotRunningError();
  return (await getJob(jobId))!;
}
