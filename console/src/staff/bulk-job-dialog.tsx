import { useEffect, useRef, useState } from 'preact/hooks';
import { unwrap } from '../api/client';
import type { Job } from '../api/types';
import { Dialog, ErrorMessage, plural } from '../components/ui';
import type { StaffContext } from './staff-console';

type JobType = 'reset-codes' | 'clear-links';

const WORDS: Record<JobType, { title: string; typed: string; preview: (job: Job) => string; done: (job: Job) => string }> = {
  'reset-codes': {
    title: 'Reset All',
    typed: 'RESET ALL',
    preview: (job) => `Every student of the school gets a new access code: ${plural(job.effects, 'code')} will be reset. Old codes stop working; existing parent links stay.`,
    done: (job) => `Done: ${plural(job.effects, 'code')} reset${job.failed ? `, ${job.failed} failed` : ''}.`,
  },
  'clear-links': {
    title: 'Clear All',
    typed: 'CLEAR ALL',
    preview: (job) => `Every parent link of the school is removed: ${plural(job.effects, 'link')} of ${plural(job.total ?? job.processed, 'student')}. Parents must enter a code to link again.`,
    done: (job) => `Done: ${plural(job.effects, 'link')} removed${job.failed ? `, ${job.failed} failed` : ''}.`,
  },
};

const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
const POLL_MS = 1000;

/**
 * Options → Reset All / Clear All: a dry run counts what the job would do, the user types the
 * action's name to confirm, then the job runs with a live progress bar until it finishes. The
 * idempotency key is made once per dialog, so a retried click never starts a second job.
 */
export function BulkJobDialog({ context, type, onClose }: { context: StaffContext; type: JobType; onClose: () => void }) {
  const { api, schoolId } = context;
  const words = WORDS[type];
  const [preview, setPreview] = useState<Job>();
  const [job, setJob] = useState<Job>();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<unknown>();
  const [starting, setStarting] = useState(false);
  const key = useRef(`console-${type}-${crypto.randomUUID()}`);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  const follow = async (started: Job, show: (job: Job) => void): Promise<Job> => {
    let current = started;
    show(current);
    while (alive.current && !FINISHED.has(current.status)) {
      await new Promise((done) => setTimeout(done, POLL_MS));
      current = await unwrap(api.GET('/schools/{schoolId}/jobs/{jobId}', { params: { path: { schoolId, jobId: current.jobId } } }));
      if (alive.current) show(current);
    }
    return current;
  };

  useEffect(() => {
    unwrap(api.POST('/schools/{schoolId}/jobs', { params: { path: { schoolId } }, body: { type, dryRun: true } }))
      .then((started) => follow(started, setPreview))
      .catch(setError);
  }, []);

  const start = async () => {
    setStarting(true);
    setError(undefined);
    try {
      const started = await unwrap(api.POST('/schools/{schoolId}/jobs', { params: { path: { schoolId } }, body: { type, idempotencyKey: key.current } }));
      await follow(started, setJob);
    } catch (e) {
      setError(e);
    } finally {
      setStarting(false);
    }
  };

  const cancel = async () => {
    if (!job) return;
    try {
      setJob(await unwrap(api.POST('/schools/{schoolId}/jobs/{jobId}/cancel', { params: { path: { schoolId, jobId: job.jobId } } })));
    } catch (e) {
      setError(e);
    }
  };

  const previewReady = preview && FINISHED.has(preview.status);
  const running = job && !FINISHED.has(job.status);
  const total = job?.total ?? preview?.total ?? 0;
  return (
    <Dialog title={words.title} onClose={running ? () => undefined : onClose}>
      {!job && (
        <>
          {!previewReady ? (
            <p role="status">Counting what {words.title} would change…</p>
          ) : (
            <>
              <p role="status">{words.preview(preview)}</p>
              <label>
                Type <strong>{words.typed}</strong> to confirm{' '}
                <input value={typed} onInput={(e) => setTyped(e.currentTarget.value)} autoComplete="off" />
              </label>
            </>
          )}
          <ErrorMessage error={error} />
          <div class="actions">
            <button type="button" class="primary" disabled={!previewReady || typed.trim() !== words.typed || starting} onClick={start}>
              {type === 'reset-codes' ? 'Reset' : 'Clear'}
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      )}
      {job && (
        <>
          <label>
            Progress <progress value={job.processed} max={total || undefined} aria-valuetext={`${job.processed} of ${total} students`} />
          </label>
          <p role="status" aria-live="polite">
            {FINISHED.has(job.status)
              ? job.status === 'SUCCEEDED'
                ? words.done(job)
                : `The job ${job.status.toLowerCase()} after ${plural(job.processed, 'student')}.`
              : `${job.processed} of ${total} students…`}
          </p>
          <ErrorMessage error={error} />
          <div class="actions">
            {running ? (
              <button type="button" onClick={cancel} disabled={job.status === 'CANCELLING'}>
                Stop the job
              </button>
            ) : (
              <button type="button" class="primary" onClick={onClose}>
                Close
              </button>
            )}
          </div>
        </>
      )}
    </Dialog>
  );
}
