import { createHash } from 'node:crypto';
import { ValidationError, NotFoundError, JobNotRunningError, JobFileNotReadyError } from '../domain/errors';
import { config } from '../config';
import { writeAuditEvents } from '../data/audit';
import { fileStore } from '../ports/file-store';
import { uploadKey } from '../jobs/upload-keys';
import { assertStaffMay, Actor, StaffPrincipal } from '../domain/principal';
import type { School } from '../data/schools';
import { getJob, Job, listJobs, requestCancel } from '../data/jobs';
import { jobStarter } from '../ports/job-starter';
import { jobType, JobType } from '../jobs/registry';
import { admitJob } from '../jobs/admission';
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
  grade?: string;
  uploadId?: string;
  linkGuardians?: boolean;
}

/** A job as the API shows it: where its file lives in the bucket stays inside. */
export function publicJob(job: Job): Job {
  if (!job.file) return job;
  const { key: _key, ...file } = job.file;
  return { ...job, file: file as Job['file'] };
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
  if (request.grade !== undefined && !type.takesGrade) throw new ValidationError(`grade does not go with ${request.type} jobs.`);
  if ((request.uploadId !== undefined || request.linkGuardians !== undefined) && !type.takesUpload) throw new ValidationError(`uploadId and linkGuardians do not go with ${request.type} jobs.`);
  await admitJob(request.type, school, request);
  const jobId = jobIdFor(request.type, school.schoolId, request.idempotencyKey ?? crypto.randomUUID(), request.dryRun);
  const { uploadId, linkGuardians, ...rest } = request;
  const upload = uploadId ? { uploadId, linkGuardians: linkGuardians ?? false, mayClaimParents: staff.schools === 'district' } : undefined;
  const input = { jobId, ...rest, ...(upload ? { upload } : {}), schoolId: school.schoolId, actor, correlationId };
  // Start first, then register: a start that fails leaves no job shown as running that never
  // will, and an execution whose registration failed here registers itself when it plans.
  // Both steps are idempotent by job id, so a retried request converges.
  await (await jobStarter()).start(jobId, input);
  await registerJob(school, input);
  return publicJob((await getJob(jobId))!);
}

export async function listJobsOfSchool(school: School, page: { limit: number; cursor?: string }) {
  const result = await listJobs(school.schoolId, page);
  return { ...result, items: result.items.map(publicJob) };
}

/** Another school's job is "not found", like any id outside the caller's scope. */
export async function jobOfSchool(school: School, jobId: string): Promise<Job> {
  return publicJob(await storedJobOfSchool(school, jobId));
}

async function storedJobOfSchool(school: School, jobId: string): Promise<Job> {
  const job = await getJob(jobId);
  if (!job || job.schoolId !== school.schoolId) throw new NotFoundError('Job');
  return job;
}

/**
 * A short-lived download link of an export job's file. Each link handed out is audited
 * (`job.file-linked`: who, which job, which file), on top of the per-student `code.exported`
 * events the job itself wrote, so the trail says who could fetch every code in it.
 */
export async function jobFileLink(school: School, staff: StaffPrincipal, jobId: string, actor: Actor) {
  const job = await storedJobOfSchool(school, jobId);
  // The file needs what its job type needs: codes:export for a file of codes.
  assertStaffMay(staff, jobType(job.type).permission, school.schoolId);
  if (!job.file || job.status !== 'SUCCEEDED') throw new JobFileNotReadyError();
  const seconds = config.EXPORT_LINK_SECONDS;
  const at = new Date();
  await writeAuditEvents([{ schoolId: school.schoolId, action: 'job.file-linked', actor, at: at.toISOString(), details: { jobId, type: job.type, file: job.file.name, rows: job.file.rows } }]);
  const url = await (await fileStore()).downloadLink(job.file.key, job.file.name, seconds);
  return { url, name: job.file.name, contentType: job.file.contentType, bytes: job.file.bytes, expiresAt: new Date(at.getTime() + seconds * 1000).toISOString() };
}

/** Workers stop before their next page; the summary then records the job as CANCELLED. */
export async function cancelJob(school: School, jobId: string, actor: Actor): Promise<Job> {
  await storedJobOfSchool(school, jobId);
  const asked = await requestCancel(jobId, { schoolId: school.schoolId, action: 'job.cancelled', actor, at: new Date().toISOString(), details: { jobId } });
  if (!asked) throw new JobNotRunningError();
  return publicJob((await getJob(jobId))!);
}

/** Upload links live longer than download links: an SIS export may take a while to send. */
const UPLOAD_LINK_SECONDS = 900;

/**
 * Links to upload a large OneRoster export (one per file) for an import job: the files go
 * straight to the bucket, not through the API (whose requests are limited to a few megabytes).
 * Start the import with POST …/jobs {type: "import-oneroster", uploadId}.
 */
export async function rosterUploadLinks(school: School, files: readonly string[]) {
  const uploadId = crypto.randomUUID();
  const store = await fileStore();
  const links = await Promise.all(files.map(async (name) => ({ name, url: await store.uploadLink(uploadKey(school.schoolId, uploadId, name), UPLOAD_LINK_SECONDS) })));
  return { uploadId, files: links, expiresAt: new Date(Date.now() + UPLOAD_LINK_SECONDS * 1000).toISOString() };
}
