import { useEffect, useRef, useState } from 'preact/hooks';
import { unwrap } from '../api/client';
import type { CodeLifecycle, GuardianList, Job } from '../api/types';
import { GUARDIAN_STATE_LABELS } from './invitations-page';
import { ErrorMessage, useAction, when } from '../components/ui';
import type { StaffContext } from './staff-console';
import { downloadJobFile } from './job-file';

const COUNTS: { name: string; label: string }[] = [
  { name: 'students', label: 'Students (each has one current code)' },
  { name: 'exported', label: 'Current codes handed out in a file (CSV or letters)' },
  { name: 'redeemed', label: 'Current codes a parent has used' },
  { name: 'neverRedeemed', label: 'Current codes never used' },
  { name: 'expired', label: 'Current codes past their expiry' },
  { name: 'unlinked', label: 'Students with no linked parent' },
];
const POLL_MS = 1000;
const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/**
 * Where the school's codes stand: the latest census (a job that looks at every student once)
 * with the list of students no parent has linked to, and failed code guesses by day.
 */
export function CodeStatusPage({ context }: { context: StaffContext }) {
  const { api, schoolId, can } = context;
  const [view, setView] = useState<CodeLifecycle>();
  const [reload, setReload] = useState(0);
  const [counting, setCounting] = useState<Job>();
  const { busy, error, run } = useAction();
  const [loadError, setLoadError] = useState<unknown>();
  const [guardians, setGuardians] = useState<GuardianList>();
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);
  useEffect(() => {
    setView(undefined);
    unwrap(api.GET('/schools/{schoolId}/codes/lifecycle', { params: { path: { schoolId }, query: { days: 14 } } }))
      .then(setView)
      .catch(setLoadError);
    // Invitations are the other way a family gets in: their counts sit beside the codes'.
    if (can('parents:read')) {
      unwrap(api.GET('/schools/{schoolId}/guardians', { params: { path: { schoolId }, query: { limit: 1 } } }))
        .then(setGuardians)
        .catch(setLoadError);
    }
  }, [schoolId, reload]);

  const countNow = () =>
    run(async () => {
      let job = await unwrap(api.POST('/schools/{schoolId}/jobs', { params: { path: { schoolId } }, body: { type: 'code-census' } }));
      setCounting(job);
      while (alive.current && !FINISHED.has(job.status)) {
        await new Promise((done) => setTimeout(done, POLL_MS));
        job = await unwrap(api.GET('/schools/{schoolId}/jobs/{jobId}', { params: { path: { schoolId, jobId: job.jobId } } }));
        if (alive.current) setCounting(job);
      }
      setCounting(undefined);
      setReload((n) => n + 1);
    });

  const census = view?.census;
  const maxGuesses = Math.max(1, ...(view?.failedGuesses ?? []).map((d) => d.count));
  return (
    <section aria-label="Code status" aria-busy={view ? 'false' : 'true'}>
      <ErrorMessage error={loadError ?? error} />
      <div class="toolbar">
        {can('jobs:run') && (
          <button type="button" class="primary" onClick={countNow} disabled={busy || Boolean(view?.running)}>
            Count now
          </button>
        )}
        {counting && (
          <label>
            Counting <progress value={counting.processed} max={counting.total || undefined} aria-valuetext={`${counting.processed} of ${counting.total ?? '?'} students`} />
          </label>
        )}
      </div>
      <h2>Codes</h2>
      {view && !census && <p role="status">No count yet. {can('jobs:run') ? 'Choose “Count now” to look at every student once.' : 'Staff who may run jobs can start one.'}</p>}
      {census && (
        <>
          <p role="status">As counted {when(census.finishedAt)}.</p>
          <table class="grid" aria-label="Codes">
            <tbody>
              {COUNTS.map((c) => (
                <tr key={c.name}>
                  <th scope="row">{c.label}</th>
                  <td>{census.tally?.[c.name] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {census.file && (
            <p>
              <button type="button" onClick={() => run(() => downloadJobFile(api, schoolId, census.jobId))}>
                Download the students with no linked parent (CSV)
              </button>
            </p>
          )}
        </>
      )}
      {guardians && (
        <>
          <h2>Invitations</h2>
          <table class="grid" aria-label="Invitations">
            <tbody>
              {(Object.keys(GUARDIAN_STATE_LABELS) as (keyof typeof GUARDIAN_STATE_LABELS)[]).map((state) => (
                <tr key={state}>
                  <th scope="row">Guardians: {GUARDIAN_STATE_LABELS[state]}</th>
                  <td>{(guardians.counts as Record<string, number>)[state] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <a href="#/staff/invitations">Invitations in detail</a>
          </p>
        </>
      )}
      <h2>Failed code guesses</h2>
      <p>By parents this school rosters, per day (UTC). A sudden rise is worth a look at the audit trail.</p>
      <table class="grid" aria-label="Failed code guesses">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Failed guesses</th>
          </tr>
        </thead>
        <tbody>
          {(view?.failedGuesses ?? []).map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              <td>
                <meter min={0} max={maxGuesses} value={d.count} aria-label={`${d.count} on ${d.day}`} /> {d.count}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
