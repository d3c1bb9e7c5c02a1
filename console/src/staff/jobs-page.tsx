import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../api/client';
import type { Job, Schedule } from '../api/types';
import { ErrorMessage, dash, when } from '../components/ui';
import { jobTiming } from './bulk-job-dialog';
import type { StaffContext } from './staff-console';
import { downloadJobFile } from './job-file';

const TYPE_WORDS: Record<string, string> = {
  'reset-codes': 'Reset All codes',
  'clear-links': 'Clear All links',
  'set-passwords': 'Set passwords',
  'export-codes': 'Export all codes (CSV)',
  'code-letters': 'Letters for all (PDF)',
  'code-census': 'Code census',
  'import-roster': 'Roster import',
  'invite-guardians': 'Invite guardians',
  'remind-invitations': 'Invitation reminders',
};

/** A job's state as the office says it. */
export const STATUS_WORDS: Record<string, string> = {
  RUNNING: 'Running',
  CANCELLING: 'Stopping',
  SUCCEEDED: 'Done',
  FAILED: 'Failed',
  CANCELLED: 'Stopped',
};

/** Who started a job: their name, or the schedule's. */
const starter = (job: Job) => job.startedByName;

/** The school's bulk jobs (newest first) with their progress, and the schedules that start jobs. */
export function JobsPage({ context }: { context: StaffContext }) {
  const { api, schoolId } = context;
  const [jobs, setJobs] = useState<Job[]>();
  const [schedules, setSchedules] = useState<Schedule[]>();
  const [error, setError] = useState<unknown>();
  const [reload, setReload] = useState(0);
  useEffect(() => {
    Promise.all([
      unwrap(api.GET('/schools/{schoolId}/jobs', { params: { path: { schoolId }, query: { limit: 25 } } })),
      unwrap(api.GET('/schools/{schoolId}/schedules', { params: { path: { schoolId } } })),
    ])
      .then(([jobPage, schedulePage]) => {
        setJobs(jobPage.items);
        setSchedules(schedulePage.items);
      })
      .catch(setError);
  }, [schoolId, reload]);
  return (
    <section aria-label="Jobs and schedules">
      <ErrorMessage error={error} />
      <div class="toolbar">
        <button type="button" onClick={() => setReload((n) => n + 1)}>
          Refresh
        </button>
      </div>
      <h2>Jobs</h2>
      <table class="grid" aria-label="Jobs">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Job</th>
            <th scope="col">By</th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col">Changed</th>
            <th scope="col">File</th>
          </tr>
        </thead>
        <tbody>
          {(jobs ?? []).map((job) => (
            <tr key={job.jobId}>
              <td>{when(job.createdAt)}</td>
              <th scope="row">
                {TYPE_WORDS[job.type] ?? job.type}
                {job.dryRun ? ' (preview)' : ''}
              </th>
              <td>{starter(job)}</td>
              <td>{STATUS_WORDS[job.status] ?? job.status}</td>
              <td>
                <progress value={job.processed} max={job.total || undefined} aria-label={`${job.processed} of ${job.total ?? '?'} processed`} /> {job.processed.toLocaleString()} of{' '}
                {job.total === undefined ? '—' : job.total.toLocaleString()}
                {job.status === 'RUNNING' && <span class="eta">{jobTiming(job)}</span>}
              </td>
              <td class="num">{job.effects.toLocaleString()}</td>
              <td>
                {!job.file && <span class="muted">—</span>}
                {job.file && (
                  <button type="button" onClick={() => downloadJobFile(api, schoolId, job.jobId).catch(setError)} aria-label={`Download ${job.file.name}`}>
                    Download
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {jobs?.length === 0 && <p>No jobs yet.</p>}
      <h2>Schedules</h2>
      <table class="grid" aria-label="Schedules">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Job</th>
            <th scope="col">When</th>
            <th scope="col">Time zone</th>
          </tr>
        </thead>
        <tbody>
          {(schedules ?? []).map((s) => (
            <tr key={s.name}>
              <th scope="row">{s.name}</th>
              <td>{TYPE_WORDS[s.type] ?? s.type}</td>
              <td>
                <code>{s.expression}</code>
              </td>
              <td>{dash(s.timezone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {schedules?.length === 0 && <p>No schedules. A scheduler can start Reset All or Clear All through the API (PUT …/schedules/{'{name}'}).</p>}
    </section>
  );
}
