import { NotFoundError, JobNotRunningError } from '../domain/errors';
import { actorLabel, missingPermission, type Actor, type StaffPrincipal } from '../domain/principal';
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
 * replace a Clear All schedule. `act` names the act for the message (403), with `{job}` for the
 * type's name: "cancel this {job} job".
 */
export function assertMayRunJobType(staff: StaffPrincipal, type: JobType, act: string): void {
  const { permission, label } = jobType(type);
  if (!staff.permissions.has(permission)) throw missingPermission(staff, permission, { act: act.replace('{job}', label) });
}

/**
 * A job as the API shows it, with what a console needs to show who started it and to time it
 * (`startedAt`, `updatedAt`: the last page's commit). Where its file lives in the bucket, its
 * running slot and its page size stay inside.
 */
export type PublicJob = Omit<Job, 'holdsSlot' | 'pageSize'> & { startedAt: string; startedByName: string };

export function publicJob(stored: Job): PublicJob {
  const { holdsSlot: _slot, pageSize: _pageSize, ...job } = stored;
  const shown = {
    ...job,
    startedAt: job.createdAt,
    // A schedule's job (and one started before names were kept) is named from its actor.
    startedByName: job.startedByName ?? actorLabel(job.actor),
  };
  if (!shown.file) return shown;
  const { key: _key, ...file } = shown.file;
  return { ...shown, file: file as Job['file'] };
}

export async function listJobsOfSchool(school: School, page: { limit: number; cursor?: string }) {
  const result = await listJobs(school, page);
  return { ...result, items: result.items.map(publicJob) };
}

/** Another school's job is "not found", like any id outside the caller's scope. */
export async function jobOfSchool(school: School, jobId: string): Promise<PublicJob> {
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
export async function cancelJob(school: School, staff: StaffPrincipal, jobId: string, actor: Actor): Promise<PublicJob> {
  const job = await storedJobOfSchool(school, jobId);
  assertMayRunJobType(staff, job.type, 'cancel this {job} job');
  const asked = await requestCancel(jobId, { ...schoolRef(school), action: 'job.cancelled', actor, at: new Date().toISOString(), details: { jobId } });
  if (!asked) throw new JobNotRunningError();
  return publicJob((await getJob(jobId))!);
}
