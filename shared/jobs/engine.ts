import { config } from '../config';
import { countMetric, logger } from '../observability';
import { METRICS } from '../metric-names';
import { JobLimitError, JobTypeRunningError, NotFoundError } from '../domain/errors';
import type { Actor } from '../domain/principal';
import { idSegments, jobOutcome, type JobStatus, nameSegments, PAGE_SIZE } from '../domain/jobs';
import { mapWithConcurrency } from '../concurrency';
import { getSchool, School } from '../data/schools';
import { commitPage, createJob, finishJob, getJob, getJobItem, type Job, recordAbandonedSegment, runningJobCount, setJobFile, setJobProblem, setJobTotal } from '../data/jobs';
import { decodeCursor, encodeCursor } from '../data/cursor';
import { jobType, type JobOptions, type JobType } from './registry';
import { jobWork } from './work';
import { fileAssembler } from './files';
import { fileStore } from '../adapters';
import { pageSizeFor } from './page-size';
import type { JobRef, JobWork, PlannedItems } from './job-work';
import type { AuditEvent } from '../data/audit';
import { schoolRef } from '../data/keys';
import { AppError } from '../domain/errors';

/*
 * The bulk-job engine: the states of the state machine (plan, process a page, abandon a
 * segment, write the job's file, summarize), for any job type of the registry.
 */

/** What an execution starts with (from the API, or from a schedule). */
export interface ExecutionInput {
  jobId?: string;
  type: JobType;
  districtId: string;
  schoolId: string;
  dryRun?: boolean;
  toleratedFailurePercent?: number;
  /** The start request's options, as its type declares them in the registry; a schedule gives none. */
  options?: JobOptions;
  /** The starter was district-wide staff, who may add parents other schools roster (an import). */
  mayClaimParents?: boolean;
  actor: Actor;
  /**
   * Who started it, as people read it: the staff member's name (or email) from the token. A
   * schedule's execution has none; its job is shown by the schedule's name (`startedByNameOf`).
   */
  startedByName?: string;
  correlationId?: string;
}

export interface SegmentRef {
  index: number;
  from?: string;
  to?: string;
  ids?: string[];
  /**
   * Items per page of a name-range segment, fixed when the job is planned (`pageSizeFor`), so
   * every attempt of a page reads the same page. Absent (a segment of named ids, or an execution
   * planned before page sizes were chosen): PAGE_SIZE.
   */
  pageSize?: number;
}

export interface PageState {
  job: JobRef;
  segment: SegmentRef;
  cursor?: string;
  /** Pages of this segment done so far: names the next page's part of a job's file. */
  page?: number;
  more?: boolean;
}

/** Where a job's file and its parts live in the exports bucket. */
export const jobFileKeys = {
  parts: (jobId: string) => `jobs/${jobId}/parts/`,
  // Zero-padded, so key order (S3 lists in UTF-8 binary order) is segment order, then page order: name order.
  part: (jobId: string, segment: number, page: number) => `jobs/${jobId}/parts/${String(segment).padStart(4, '0')}-${String(page).padStart(7, '0')}`,
  file: (jobId: string, name: string) => `jobs/${jobId}/${name}`,
};

/**
 * Records the job and its start in the audit trail, the job taking one of its school's running
 * slots (given back when it finishes). `limited` (a start from the API) admits it only while the
 * school runs fewer than MAX_RUNNING_JOBS_PER_SCHOOL jobs and none of its type; past that it is
 * recorded as refused (FAILED, problem JOB_LIMIT or JOB_TYPE_RUNNING, no slot), so its execution, already started, plans nothing and
 * ends, and whoever registers it next (the API or Plan) finds it refused. Scheduled runs are not
 * limited: a schedule has no one to answer, so its run counts but always starts.
 */
export async function registerJob(school: School, input: ExecutionInput & { jobId: string }, { limited = false } = {}): Promise<'created' | 'exists' | 'refused'> {
  const at = new Date().toISOString();
  const { parentIds, grade, uploadId } = input.options ?? {};
  const job: Job = {
    jobId: input.jobId,
    type: input.type,
    schoolId: school.schoolId,
    districtId: school.districtId,
    dryRun: input.dryRun ?? false,
    status: 'RUNNING',
    actor: input.actor,
    ...(input.startedByName ? { startedByName: input.startedByName } : {}),
    createdAt: at,
    toleratedFailurePercent: input.toleratedFailurePercent ?? 0,
    processed: 0,
    failed: 0,
    effects: 0,
    abandonedSegments: 0,
    pages: 0,
    // What the job's options narrowed it to, as the API shows a job.
    ...(parentIds ? { selected: parentIds.length } : {}),
    ...(grade !== undefined ? { grade } : {}),
    ...(uploadId ? { uploadId } : {}),
  };
  const max = config.MAX_RUNNING_JOBS_PER_SCHOOL;
  const outcome = await createJob(
    job,
    {
      ...schoolRef(school), action: 'job.started', actor: input.actor, at,
      details: { jobId: input.jobId, type: input.type, dryRun: input.dryRun ?? false, ...(grade !== undefined ? { grade } : {}) },
    },
    limited ? { max } : {},
  );
  if (outcome !== 'limit') return outcome;
  // Which rule refused it: one job of a type per school, or the school's limit.
  const refusal = (await runningJobCount(school, input.type)) >= 1 ? new JobTypeRunningError(input.type) : new JobLimitError(max);
  const refused = await createJob(
    { ...job, status: 'FAILED', finishedAt: at, total: 0, cancelRequested: true, problem: { code: refusal.code, message: refusal.message } },
    { ...schoolRef(school), action: 'job.refused', actor: input.actor, at, details: { jobId: input.jobId, type: input.type, dryRun: job.dryRun, reason: refusal.code, max } },
  );
  return refused === 'created' ? 'refused' : 'exists';
}

/**
 * Plan (first state): make sure the job is registered (a schedule starts executions directly),
 * count what is in scope, and cut the work into segments for the fan-out.
 */
export async function planJob(event: { input: ExecutionInput; executionName: string }) {
  const input = { ...event.input, jobId: event.input.jobId ?? event.executionName };
  const school = await getSchool(input);
  if (!school) throw new NotFoundError('School');
  // The API registers a job after starting it, so Plan may come first; a schedule's execution
  // always registers here. Only the API's starts (they carry a job id) are limited.
  if (!(await getJob(input.jobId))) await registerJob(school, input, { limited: event.input.jobId !== undefined });
  // Named items go into the segments, not into every state's input (Step Functions refuses a
  // state input over 256 KiB; 5,000 parent ids are more).
  const { parentIds: named, ...options } = input.options ?? {};
  const job: JobRef = {
    jobId: input.jobId, type: input.type, schoolId: school.schoolId, districtId: school.districtId,
    dryRun: input.dryRun ?? false, actor: input.actor,
    // A schedule's execution has no request: its execution name correlates its states.
    correlationId: input.correlationId ?? input.jobId,
    ...(Object.keys(options).length ? { options } : {}),
    ...(input.mayClaimParents ? { mayClaimParents: true } : {}),
  };
  // Refused at registration (the school's job limit): nothing to plan; the summary changes nothing.
  if ((await getJobItem(input.jobId))?.finishedAt) return { job, segments: [] };
  const work = await jobWork(input.type);
  let planned: Omit<PlannedItems, 'segments'> & { segments: SegmentRef[] };
  try {
    planned = work.plan
      ? await work.plan(school, job)
      : named
        ? { total: named.length, segments: idSegments(named) }
        : work.spread
          ? await work.spread(school, job)
          : { total: await work.count!(school), segments: nameSegments() };
    work.confirm?.(job, planned.total);
  } catch (error) {
    // A refusal of the job as a whole (bad files, a taken user name): recorded, nothing written, the job fails.
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    await setJobProblem(input.jobId, { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) });
    return { job, segments: [] };
  }
  // Segments that are paged get the job's page size (named ids and planned items are one page each).
  const pageSize = pageSizeFor(planned.total, planned.segments.length);
  const segments = planned.segments.map((segment) => (segment.ids ? segment : { ...segment, pageSize }));
  await setJobTotal(input.jobId, planned.total, planned.segments.length, planned.tally, pageSize);
  return { job, segments };
}

/**
 * One batch (page) of a segment. Stops at once when the job was cancelled. Each item carries a
 * marker of this job, so items done by an earlier attempt are recognized, not redone; the
 * page's counts are then committed exactly once. A throw (throttling beyond the SDK's retries,
 * a crash) fails the invocation and Step Functions retries the page.
 */
export async function processPage(state: PageState): Promise<PageState> {
  const { job, segment } = state;
  // Each job type's pages run in a function holding that type's rights only (PAGE_JOB_TYPE): a
  // page of another type is refused before anything is read.
  const own = config.pageJobType();
  if (own !== undefined && job.type !== own) throw new Error(`This page worker runs ${own} jobs, not ${job.type}`);
  const current = await getJobItem(job.jobId);
  if (!current || current.cancelRequested) return { job, segment, more: false };
  const school = (await getSchool(job))!;
  const work = await jobWork(job.type);
  const { ids, nextKey } = segment.ids
    ? { ids: segment.ids, nextKey: undefined }
    : await work.page(school, { from: segment.from!, to: segment.to! }, segment.pageSize ?? PAGE_SIZE, decodeCursor(state.cursor, {}));

  const results = await mapWithConcurrency(ids, config.JOB_ITEM_CONCURRENCY, (id) => work.item(school, job, id, Boolean(segment.ids)));
  const page = (state.page ?? 0) + 1;
  if (work.file && !job.dryRun) {
    // Before the page is counted: a counted page always has its part. A retry rewrites the same key.
    const rows = results.flatMap((r) => (r.output === undefined ? [] : [r.output]));
    await (await fileStore()).put(jobFileKeys.part(job.jobId, segment.index, page), work.file.part(rows), 'application/octet-stream');
  }
  const failedIds = ids.filter((_, i) => results[i]!.failed);
  const processed = results.reduce((n, r) => n + r.processed, 0);
  const tally: Record<string, number> = {};
  for (const [name, n] of results.flatMap((r) => Object.entries(r.tally ?? {}))) tally[name] = (tally[name] ?? 0) + n;
  const pageAudits = work.pageAudit ? pageAuditEvents(job, work.pageAudit, results.flatMap((r) => (r.audited === undefined ? [] : [r.audited].flat()))) : [];
  const committed = await commitPage(
    job.jobId,
    segment.index,
    page,
    { processed, effects: results.reduce((n, r) => n + r.effects, 0), failed: failedIds.length, failedIds, tally, at: new Date().toISOString() },
    pageAudits,
  );
  // Named here as well as in the logger's keys: the local runner runs many tasks in one process at once.
  logger.debug('page processed', { jobId: job.jobId, correlationId: job.correlationId, segment: segment.index, items: ids.length, failed: failedIds.length, committed });
  if (committed) {
    countMetric(METRICS.jobItemsProcessed, { jobType: job.type }, processed);
    countMetric(METRICS.jobItemsFailed, { jobType: job.type }, failedIds.length);
  }
  const cursor = encodeCursor(nextKey);
  return { job, segment, cursor, page, more: Boolean(cursor) };
}

/**
 * The file (export jobs), after every segment: only when the job is going to succeed (nothing
 * failed past its tolerance, nothing abandoned, not cancelled), the parts joined in name order,
 * the file stored, recorded on the job, then the parts removed. Re-run after a crash it finds
 * the file recorded and does nothing. Other job types pass straight through.
 */
export async function writeJobFile(event: { job: JobRef }): Promise<{ file?: string }> {
  const entry = jobType(event.job.type);
  const job = (await getJob(event.job.jobId))!;
  if (!entry.makesFile || job.dryRun || job.file || outcomeOf(job, { fileMissing: false }) !== 'SUCCEEDED') return {};
  const school = (await getSchool(job))!;
  const store = await fileStore();
  const partKeys = await store.list(jobFileKeys.parts(job.jobId));
  const parts = await mapWithConcurrency(partKeys, 8, async (key) => (await store.get(key))!);
  const file = await (await fileAssembler(job.type))(school, event.job, parts);
  const key = jobFileKeys.file(job.jobId, file.name);
  await store.put(key, file.bytes, file.contentType);
  await setJobFile(job.jobId, { key, name: file.name, contentType: file.contentType, bytes: file.bytes.byteLength, rows: job.effects });
  await store.delete(partKeys);
  logger.info('job file written', { jobId: job.jobId, correlationId: event.job.correlationId, parts: partKeys.length, bytes: file.bytes.byteLength });
  return { file: file.name };
}

/**
 * Entries per page audit event: 1,000 `student:parent` links of 64-character ids are ~130 KB,
 * well inside DynamoDB's 400 KB item limit; a page of 100 students fits one event unless they
 * average more than 10 links.
 */
export const PAGE_AUDIT_ENTRIES = 1000;

/** The page's audit events: what its items changed, listed, in as few events as fit. */
function pageAuditEvents(job: JobRef, audit: NonNullable<JobWork['pageAudit']>, entries: string[]): AuditEvent[] {
  const at = new Date().toISOString();
  const events: AuditEvent[] = [];
  for (let start = 0; start < entries.length; start += PAGE_AUDIT_ENTRIES) {
    const listed = entries.slice(start, start + PAGE_AUDIT_ENTRIES);
    events.push({ ...schoolRef(job), action: audit.action, actor: job.actor, at, details: { jobId: job.jobId, count: listed.length, [audit.lists]: listed.join(',') } });
  }
  return events;
}

/** A segment whose page kept failing after every retry: recorded, and the job will fail. */
export async function abandonSegment(state: PageState) {
  await recordAbandonedSegment(state.job.jobId, state.segment.index);
  countMetric(METRICS.jobSegmentsAbandoned, { jobType: state.job.type });
  return { abandoned: state.segment.index };
}

/** The outcome the job's counts decide (the file step asks it before the file exists). */
function outcomeOf(job: Job, { fileMissing }: { fileMissing: boolean }) {
  return jobOutcome({ ...job, total: job.total ?? 0, fileMissing, refused: Boolean(job.problem) });
}

/** Summary (last state): decide and record the outcome, with the counts, in the audit trail. */
export async function summarizeJob(event: { job: JobRef }) {
  const job = (await getJob(event.job.jobId))!;
  // A job that makes a file has not succeeded until its file is there.
  const status = outcomeOf(job, { fileMissing: Boolean(jobType(job.type).makesFile) && !job.dryRun && !job.file });
  const finished = await finishJob(job, status, {
    ...schoolRef(job), action: 'job.finished', actor: job.actor, at: new Date().toISOString(),
    details: { jobId: job.jobId, type: job.type, dryRun: job.dryRun, status, processed: job.processed, failed: job.failed, effects: job.effects },
  });
  if (finished && status === 'FAILED') countMetric(METRICS.jobsFailed, { jobType: job.type });
  return { jobId: job.jobId, status, total: job.total, processed: job.processed, failed: job.failed, effects: job.effects };
}

/**
 * Why a job's execution ended before its summary: the Step Functions error of the step that
 * failed past its retries (`States.TaskFailed`, `Lambda.Unknown`…), the execution's end status
 * from EventBridge (`FAILED`, `TIMED_OUT`, `ABORTED`), or `local-restart`. A name, never a
 * message: an error's cause may carry ids.
 */
export interface Interruption {
  executionName: string;
  error?: string;
  /** The execution's input: from the context object, or EventBridge's `detail.input` (a JSON string). */
  input?: ExecutionInput | string;
}

/**
 * The API starts an execution before it registers the job, and a schedule's execution registers
 * its own in Plan: an execution may end before either happened. It registers the job here from
 * its input (as Plan would), so the job is recorded as ended and a late registration finds it
 * so. An execution for a school that is gone has nothing to register.
 */
async function registerFromInput(jobId: string, input: Interruption['input']): Promise<Job | undefined> {
  if (!input) return undefined;
  const parsed = (typeof input === 'string' ? JSON.parse(input) : input) as ExecutionInput;
  const school = await getSchool(parsed);
  if (!school) return undefined;
  await registerJob(school, { ...parsed, jobId: parsed.jobId ?? jobId }, { limited: parsed.jobId !== undefined });
  return getJob(jobId);
}

/**
 * A job whose execution ended without its summary (a step failed past its retries, or the
 * execution was stopped, timed out, or died with `npm start`): recorded FAILED (CANCELLED if a
 * cancel was asked for), with the counts its committed pages recorded, and the trail says why.
 * Idempotent: the state machine's catch and the EventBridge rule may both report one execution,
 * and the first one to record it wins. A schedule's execution that failed before it registered
 * its job leaves nothing to settle.
 */
export async function settleInterruptedJob(event: Interruption, now = new Date()): Promise<{ jobId: string; status?: JobStatus }> {
  const jobId = event.executionName;
  const cause = event.error ?? 'unknown';
  const job = (await getJob(jobId)) ?? (await registerFromInput(jobId, event.input));
  if (!job || (job.status !== 'RUNNING' && job.status !== 'CANCELLING')) return { jobId };
  const status: JobStatus = job.status === 'CANCELLING' ? 'CANCELLED' : 'FAILED';
  const settled = await finishJob(job, status, {
    ...schoolRef(job),
    action: 'job.interrupted',
    actor: { type: 'system', id: 'job-engine' },
    at: now.toISOString(),
    details: { jobId, type: job.type, status, processed: job.processed, failed: job.failed, effects: job.effects, cause },
  });
  if (!settled) return { jobId };
  if (status === 'FAILED') countMetric(METRICS.jobsFailed, { jobType: job.type });
  logger.warn('job interrupted', { jobId, jobType: job.type, status, cause });
  return { jobId, status };
}
