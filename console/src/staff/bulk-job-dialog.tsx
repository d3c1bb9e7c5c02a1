import { useEffect, useRef, useState } from 'preact/hooks';
import { unwrap } from '../api/client';
import type { Job } from '../api/types';
import { Dialog, ErrorMessage, duration, plural } from '../components/ui';
import type { StaffContext } from './staff-console';
import { downloadJobFile } from './job-file';

export type ConsoleJobType = 'reset-codes' | 'clear-links' | 'export-codes' | 'code-letters' | 'invite-guardians';
type JobType = ConsoleJobType;

interface Words {
  title: string;
  /** What the user types to confirm; exports (which change nothing) need no typing. */
  typed?: string;
  action: string;
  preview: (job: Job) => string;
  done: (job: Job) => string;
}

const WORDS: Record<JobType, Words> = {
  'reset-codes': {
    title: 'Reset All',
    typed: 'RESET ALL',
    action: 'Reset',
    preview: (job) => `Every student of the school gets a new access code: ${plural(job.effects, 'code')} will be reset. Old codes stop working; existing parent links stay.`,
    done: (job) => `Done: ${plural(job.effects, 'code')} reset${job.failed ? `, ${job.failed} failed` : ''}.`,
  },
  'clear-links': {
    title: 'Clear All',
    typed: 'CLEAR ALL',
    action: 'Clear',
    preview: (job) => `Every parent link of the school is removed: ${plural(job.effects, 'link')} of ${plural(job.total ?? job.processed, 'student')}. Parents must enter a code to link again.`,
    done: (job) => `Done: ${plural(job.effects, 'link')} removed${job.failed ? `, ${job.failed} failed` : ''}.`,
  },
  'export-codes': {
    title: 'Export all codes (CSV)',
    action: 'Make the file',
    preview: (job) => `The file will hold the codes of ${plural(job.effects, 'student')}${job.grade ? ` in grade ${job.grade}` : ''}. Each code handed out is recorded in the audit trail under your name.`,
    done: (job) => `Done: the codes of ${plural(job.effects, 'student')} are in the file.`,
  },
  'code-letters': {
    title: 'Letters for all (PDF)',
    action: 'Make the letters',
    preview: (job) => `One letter per student: ${plural(job.effects, 'letter')}${job.grade ? ` for grade ${job.grade}` : ''}. Each code handed out is recorded in the audit trail under your name.`,
    done: (job) => `Done: ${plural(job.effects, 'letter')} in one PDF.`,
  },
  'invite-guardians': {
    title: 'Invite guardians by mail',
    action: 'Send the invitations',
    preview: (job) =>
      `${plural(job.tally?.invited ?? job.effects, 'guardian')}${job.grade ? ` of grade ${job.grade}` : ''} will get an invitation by mail (a link that works once, for the school's invitation days). ` +
      `${plural(job.tally?.noEmail ?? 0, 'guardian')} without an email keep the code letters; ${plural(job.tally?.alreadyLinked ?? 0, 'guardian')} already linked are left alone. An invitation sent before stops working.`,
    done: (job) => `Done: ${plural(job.effects, 'invitation')} queued for mail.`,
  },
};

/** Jobs that change no code and may be narrowed to a grade: counted once the grade is chosen, no typing. */
const GRADED = new Set<JobType>(['export-codes', 'code-letters', 'invite-guardians']);

const EXPORTS = new Set<JobType>(['export-codes', 'code-letters']);

const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
const POLL_MS = 750;

/** Time spent and, once some items are done, time left at the rate so far: stuck and working then look different. */
export function jobTiming(job: Job, now = Date.now()): string {
  const started = Date.parse(job.startedAt);
  if (Number.isNaN(started)) return '';
  const elapsed = now - started;
  const parts = [`${duration(elapsed)} elapsed`];
  const total = job.total ?? 0;
  if (job.processed > 0 && total > job.processed) parts.push(`about ${duration((elapsed / job.processed) * (total - job.processed))} left`);
  return parts.join(' · ');
}

/**
 * Options → Reset All / Clear All / whole-school exports: a dry run counts what the job would
 * do, the user types the action's name to confirm (exports, which change no code, need no
 * typing but may be narrowed to a grade), then the job runs with a live progress bar until it
 * finishes; an export then offers its file through a short-lived, audited link. The
 * idempotency key is made once per dialog, so a retried click never starts a second job.
 */
export function BulkJobDialog({ context, type, onClose, onFinished }: { context: StaffContext; type: JobType; onClose: () => void; onFinished?: (message: string) => void }) {
  const { api, schoolId } = context;
  const words = WORDS[type];
  const [preview, setPreview] = useState<Job>();
  const [job, setJob] = useState<Job>();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<unknown>();
  const [starting, setStarting] = useState(false);
  const isExport = EXPORTS.has(type);
  const isGraded = GRADED.has(type);
  const [grade, setGrade] = useState('');
  const [counting, setCounting] = useState(!isGraded);
  const scope = isGraded && grade.trim() ? { grade: grade.trim() } : {};
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

  const count = () => {
    setCounting(true);
    setPreview(undefined);
    setError(undefined);
    unwrap(api.POST('/schools/{schoolId}/jobs', { params: { path: { schoolId } }, body: { type, dryRun: true, ...scope } }))
      .then((started) => follow(started, setPreview))
      .catch((e) => (setError(e), setCounting(false)));
  };
  // Reset All and Clear All count at once; an export first asks which students (all, or a grade).
  useEffect(() => void (isGraded || count()), []);

  /** The file, through a link that works for minutes; every link handed out is audited. */
  const download = async () => {
    if (!job) return;
    setError(undefined);
    try {
      await downloadJobFile(api, schoolId, job.jobId);
    } catch (e) {
      setError(e);
    }
  };

  const start = async () => {
    setStarting(true);
    setError(undefined);
    try {
      const started = await unwrap(api.POST('/schools/{schoolId}/jobs', { params: { path: { schoolId } }, body: { type, idempotencyKey: key.current, ...scope } }));
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
  const ready = Boolean(previewReady && (words.typed === undefined || typed.trim() === words.typed) && !(isGraded && preview.effects === 0) && !starting);
  // Re-rendered each second while running, so the elapsed time moves between polls too.
  const [, tick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const outcome = job && FINISHED.has(job.status) ? (job.status === 'SUCCEEDED' ? words.done(job) : `The job ${job.status === 'FAILED' ? 'failed' : 'was stopped'} after ${plural(job.processed, 'student')}.`) : undefined;
  const close = () => {
    if (outcome) onFinished?.(outcome);
    onClose();
  };
  return (
    <Dialog title={words.title} onClose={running ? () => undefined : close}>
      {!job && (
        <>
          {isGraded && (
            <form class="inline" onSubmit={(e) => (e.preventDefault(), count())}>
              <label>
                Grade (empty for the whole school){' '}
                <input value={grade} onInput={(e) => (setGrade(e.currentTarget.value), setPreview(undefined), setCounting(false))} autoComplete="off" size={6} />
              </label>
              <button type="submit">Count students</button>
            </form>
          )}
          {!counting ? null : !previewReady ? (
            <p role="status">Counting what {words.title} would {isExport ? 'hold' : 'change'}…</p>
          ) : (
            <>
              <p role="status">{words.preview(preview)}</p>
              {words.typed && (
                <form id="typed-confirm" onSubmit={(e) => (e.preventDefault(), ready && void start())}>
                  <label>
                    Type <strong>{words.typed}</strong> to confirm{' '}
                    <input value={typed} onInput={(e) => setTyped(e.currentTarget.value)} autoComplete="off" />
                  </label>
                </form>
              )}
            </>
          )}
          <ErrorMessage error={error} />
          <div class="actions">
            <button type="button" class="primary" disabled={!ready} onClick={start}>
              {words.action}
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
            {outcome ?? `${job.processed.toLocaleString()} of ${total.toLocaleString()} students…`}
          </p>
          {running && <p class="eta">{jobTiming(job)}</p>}
          <ErrorMessage error={error} />
          <div class="actions">
            {running ? (
              <button type="button" onClick={cancel} disabled={job.status === 'CANCELLING'}>
                Stop the job
              </button>
            ) : (
              <>
                {job.file && (
                  <button type="button" class="primary" onClick={download}>
                    Download {job.file.name}
                  </button>
                )}
                <button type="button" class={job.file ? undefined : 'primary'} onClick={close}>
                  Close
                </button>
              </>
            )}
          </div>
        </>
      )}
    </Dialog>
  );
}
