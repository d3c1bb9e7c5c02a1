import { NotFoundError, JobNotRunningError } from '../domain/errors';
import type { Actor } from '../domain/principal';
import type { School } from '../data/schools';
import { getJob, Job, listJobs, requestCancel } from '../data/jobs';

/*
 * A school's jobs as staff follow them: list, one job, cancel. Reads and one conditional write
 * of the job item only, so these routes bundle neither the job engine nor any adapter.
 */

/** A job as the API shows it: where its file lives in the bucket stays inside. */
export function publicJob(job: Job): Job {
  if (!job.file) return job;
  const { key: _key, ...file } = job.file;
  return { ...job, file: file as Job['file'] };
}

export async function listJobsOfSchool(school: School, page: { limit: number; cursor?: string }) {
  const result = await listJobs(school.schoolId, page);
  return { ...result, items: result.items.map(publicJob) };
}

/** Another school's job is "not found", like any id outside the caller's scope. */
export async function jobOfSchool(school: School, jobId: string): Promise<Job> {
  return publicJob(await storedJobOfSchool(school, jobId));
}

/** The job as stored (its file's key included), if it is this school's. */
export async function storedJobOfSchool(school: School, jobId: string): Promise<Job> {
  const job = await getJob(jobId);
  if (!job || job.schoolId !== school.schoolId) throw new NotFoundError('Job');
  return job;
}

/** Workers stop before their next page; the summary then records the job as CANCELLED. */
export async function cancelJob(school: School, jobId: string, actor: Actor): Promise<Job> {
  await storedJobOfSchool(school, jobId);
  const asked = await requestCancel(jobId, { schoolId: school.schoolId, action: 'job.cancelled', actor, at: new Date().toISOString(), details: { jobId } });
  if (!asked) throw new JobNotRunningError();
  return publicJob((await getJob(jobId))!);
}
