import { JobFileNotReadyError } from '../domain/errors';
import { config } from '../config';
import { assertStaffMay, Actor, StaffPrincipal } from '../domain/principal';
import { uploadKey } from '../domain/upload-keys';
import { schoolRef } from '../data/keys';
import type { School } from '../data/schools';
import { writeAuditEvents } from '../data/audit';
import { fileStore } from '../adapters';
import { jobType } from '../jobs/registry';
import { storedJobOfSchool } from './school-jobs';

/*
 * The files of jobs in the exports bucket, through short-lived links: a finished job's file to
 * download, and an import's files to upload.
 */

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
  await writeAuditEvents([{ ...schoolRef(school), action: 'job.file-linked', actor, at: at.toISOString(), details: { jobId, type: job.type, file: job.file.name, rows: job.file.rows } }]);
  const url = await (await fileStore()).downloadLink(job.file.key, job.file.name, seconds);
  return { url, name: job.file.name, contentType: job.file.contentType, bytes: job.file.bytes, expiresAt: new Date(at.getTime() + seconds * 1000).toISOString() };
}

/** Upload links live longer than download links: an SIS export may take a while to send. */
const UPLOAD_LINK_SECONDS = 900;
/** The one type a roster file is uploaded as (signed into its link). */
export const ROSTER_UPLOAD_TYPE = 'text/csv' as const;

/**
 * Links to upload a large OneRoster export (one per file) for an import job: the files go
 * straight to the bucket, not through the API (whose requests are limited to a few megabytes).
 * Each link admits exactly the declared size (at most 50 MB, checked by the contract) and type
 * text/csv. Start the import with POST …/jobs {type: "import-oneroster", uploadId}.
 */
export async function rosterUploadLinks(school: School, files: readonly { name: string; bytes: number }[]) {
  const uploadId = crypto.randomUUID();
  const store = await fileStore();
  const headers = { 'content-type': ROSTER_UPLOAD_TYPE };
  const links = await Promise.all(
    files.map(async ({ name, bytes }) => ({
      name,
      url: await store.uploadLink(uploadKey(school, uploadId, name), UPLOAD_LINK_SECONDS, { bytes, contentType: ROSTER_UPLOAD_TYPE }),
      headers,
    })),
  );
  return { uploadId, files: links, expiresAt: new Date(Date.now() + UPLOAD_LINK_SECONDS * 1000).toISOString() };
}
