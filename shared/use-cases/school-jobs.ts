import { ForbiddenError, NotFoundError, JobNotRunningError } from '../domain/errors';
import type { Actor, StaffPrincipal } from '../domain/principal';
import { jobType, type JobType } from '../jobs/registry';
import type { School } from '../data/schools';
import { schoolRef } from '../data/keys';
import { getJob, Job, listJobs, requestCancel } from '../data/jobs';

/*
 * A school's jobs as staff follow them: list, one job, cancel. Reads and one conditional write
 * of the job item only, so these routes bundle neither the job engine nor any adapter.
 */

/**
 * Whatever starts, stops, schedules or unschedules a job of a type needs that type's own
 * permission besides `jobs:run` (the route's): `jobs:run` alone must not cancel a Reset All or
 * replace a Clear All schedule. `doing` names the act for the message (403).
 */
export function assertMayRunJobType(staff: StaffPrincipal, type: JobType, doing: string): void {
  const { permission } = jobType(type);
  if (!staff.permissions.has(permission)) throw new ForbiddenError(`${doing} needs the "${permission}" permission (that of ${type} jobs) besides "jobs:run".`);
}

/** A job as the API shows it: where its file lives in the bucket, and its running slot, stay inside. */
export function publicJob(stored: Job): Job {
  const { holdsSlot: _slot, ...job } = stored;
  if (!job.file) return job;
  const { key: _key, ...file } = job.file;
  return { ...job, file: file as Job['file'] };
}

export async function listJobsOfSchool(school: School, page: { limit: number; cursor?: string }) {
  const result = await listJobs(school, page);
  return { ...result, items: result.items.map(publicJob) };
}

/** Another school's job is "not found", like any id outside the caller's scope. */
export async function jobOfSchool(school: School, jobId: string): Promise<Job> {
  return publicJob(await storedJobOfSchool(school, jobId));
}

/** The job as stored (its file's key included), if it is this school's. */
export async function storedJobOfSchool(school: School, jobId: string): Promise<Job> {
  const job = await getJob(jobId);
  if (!job || job.districtId !== school.districtId || job.schoolId !== school.schoolId) throw new NotFoundError('Job');
  return job;
}

/**
 * Workers stop before their next page; the summary then records the job as CANCELLED. Cancelling
 * needs the job type's own permission too, as starting it did: stopping a Reset All halfway is
 * as much a decision about the codes as starting one.
 */
export async function cancelJob(school: School, staff: StaffPrincipal, jobId: string, actor: Actor): Promise<Job> {
  const job = await storedJobOfSchool(school, jobId);
  assertMayRunJobType(staff, job.type, `Cancelling a ${job.type} job`);
  const asked = await requestCancel(jobId, { ...schoolRef(school), action: 'job.cancelled', actor, at: new Date().toISOString(), details: { jobId } });
  if (!asked) throw new JobNotRunningError();
  return publicJob((await getJob(jobId))!);
}
