import { useState } from 'preact/hooks';
import { ApiError, toApiError, unwrap, type ApiClient } from '../api/client';
import type { Job } from '../api/types';
import { ErrorMessage, Status, plural, useAction } from '../components/ui';
import type { StaffContext } from './staff-console';

const FILES = [
  { name: 'users.csv', required: true, hint: 'students and guardians' },
  { name: 'orgs.csv', required: false, hint: 'which org is this school' },
  { name: 'enrollments.csv', required: false, hint: 'students enrolled here' },
] as const;

type FileName = (typeof FILES)[number]['name'];

/** The direct import takes up to 1,000 records; files with more lines go through an upload and an import job. */
const DIRECT_IMPORT_LINES = 1000;
const POLL_MS = 1000;

/**
 * A large import: each file is PUT straight to the bucket through a short-lived link, then an
 * import job checks them whole and writes them, with progress; a refusal comes back with every
 * problem, as the direct import's does.
 */
async function importAsJob(api: ApiClient, schoolId: string, files: Record<string, string>, linkGuardians: boolean, progress: (job: Job) => void): Promise<Job> {
  // Each link admits exactly the size and type it was signed for: declare the bytes the PUT sends.
  const blobs = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, new Blob([text])]));
  const declared = Object.entries(blobs).map(([name, blob]) => ({ name: name as FileName, bytes: blob.size }));
  const links = await unwrap(api.POST('/schools/{schoolId}/roster/uploads', { params: { path: { schoolId } }, body: { files: declared } }));
  for (const { name, url, headers } of links.files) {
    const put = await fetch(url, { method: 'PUT', body: blobs[name], headers }).catch(() => undefined);
    if (!put?.ok) throw new ApiError(put?.status ?? 0, 'UPLOAD_FAILED', `${name} could not be uploaded. Try again.`);
  }
  let job = await unwrap(api.POST('/schools/{schoolId}/jobs', { params: { path: { schoolId } }, body: { type: 'import-oneroster', uploadId: links.uploadId, linkGuardians } }));
  progress(job);
  while (job.status === 'RUNNING' || job.status === 'CANCELLING') {
    await new Promise((done) => setTimeout(done, POLL_MS));
    job = await unwrap(api.GET('/schools/{schoolId}/jobs/{jobId}', { params: { path: { schoolId, jobId: job.jobId } } }));
    progress(job);
  }
  if (job.problem) throw toApiError(400, { error: job.problem });
  if (job.status !== 'SUCCEEDED') throw new ApiError(500, 'JOB_FAILED', `The import ${job.status.toLowerCase()} after ${job.processed} of ${job.total ?? '?'} records; importing the same files again finishes it.`);
  return job;
}

/**
 * Import the SIS's OneRoster CSV files: the API checks them whole and answers every problem by
 * file, line and column (shown as a list), or what it created and changed. Large files go
 * through an upload and an import job, with a progress bar.
 */
export function RosterPage({ context }: { context: StaffContext }) {
  const { api, schoolId } = context;
  const [chosen, setChosen] = useState<Partial<Record<FileName, File>>>({});
  const [linkGuardians, setLinkGuardians] = useState(true);
  const { busy, error, run } = useAction();
  const [done, setDone] = useState('');
  const [job, setJob] = useState<Job>();

  const upload = (e: Event) => {
    e.preventDefault();
    setDone('');
    void run(async () => {
      const files = Object.fromEntries(await Promise.all(Object.entries(chosen).map(async ([name, file]) => [name, await file.text()] as const)));
      if ((files['users.csv']?.split('\n').length ?? 0) > DIRECT_IMPORT_LINES) {
        const finished = await importAsJob(api, schoolId, files, linkGuardians, setJob).finally(() => setJob(undefined));
        const t = finished.tally ?? {};
        setDone(
          `Imported: ${plural(t.studentsCreated ?? 0, 'student')} created, ${t.studentsUpdated ?? 0} updated, ${t.studentsUnchanged ?? 0} unchanged; ` +
            `${plural(t.parentsWritten ?? 0, 'guardian')} written, ${t.parentsUnchanged ?? 0} unchanged; ${plural(t.linksCreated ?? 0, 'link')} made; ` +
            `${plural(t.skippedUsers ?? 0, 'row')} of other schools or roles skipped.`,
        );
        return;
      }
      const result = await unwrap(
        api.POST('/schools/{schoolId}/roster/oneroster', {
          params: { path: { schoolId } },
          body: { files: files as { 'users.csv': string; 'orgs.csv'?: string; 'enrollments.csv'?: string }, linkGuardians },
        }),
      );
      setDone(
        `Imported: ${plural(result.students.created, 'student')} created, ${result.students.updated} updated, ${result.students.unchanged} unchanged; ` +
          `${plural(result.parents.written, 'guardian')} written, ${result.parents.unchanged} unchanged; ${plural(result.links.created, 'link')} made; ` +
          `${plural(result.skipped.users, 'row')} of other schools or roles skipped.`,
      );
    });
  };

  return (
    <section aria-label="Roster import">
      <p>Upload the OneRoster CSV files your student information system exports (version 1.1 or 1.2). Nothing is written unless every row is right; importing the same files again changes nothing.</p>
      <form class="stack" onSubmit={upload}>
        {FILES.map((file) => (
          <label key={file.name}>
            {file.name} ({file.required ? 'required' : 'optional'}: {file.hint})
            <input
              type="file"
              accept=".csv,text/csv"
              required={file.required}
              onChange={(e) => setChosen({ ...chosen, [file.name]: e.currentTarget.files?.[0] })}
            />
          </label>
        ))}
        <label class="inline">
          <input type="checkbox" checked={linkGuardians} onChange={(e) => setLinkGuardians(e.currentTarget.checked)} /> Link each student to the guardians the SIS names
        </label>
        <ErrorMessage error={error} />
        {job && (
          <label>
            Importing <progress value={job.processed} max={job.total || undefined} aria-valuetext={`${job.processed} of ${job.total ?? '?'} records`} />
          </label>
        )}
        <button type="submit" class="primary" disabled={busy || !chosen['users.csv']}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      {done && <Status>{done}</Status>}
    </section>
  );
}
