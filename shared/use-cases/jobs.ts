import { createHash } from 'node:crypto';
import { config } from '../config';
import { AppError, ConflictError, NotFoundError } from '../domain/errors';
import type { Actor } from '../domain/principal';
import { idSegments, JobType, jobOutcome, nameSegments, PAGE_SIZE } from '../domain/jobs';
import { defaultPassword, hashPassword } from '../domain/passwords';
import { mapWithConcurrency } from '../concurrency';
import { getSchool, School } from '../data/schools';
import { countStudents, getStudent, replaceCode, studentPage } from '../data/students';
import { clearStudentLinksForJob, linksOfStudent } from '../data/links';
import { getParent, getParents, parentPage, setTemporaryPassword } from '../data/parents';
import { commitPage, createJob, finishJob, getJob, Job, recordAbandonedSegment, requestCancel, setJobTotal } from '../data/jobs';
import type { JobStarter } from '../jobs/starter';
import { issueCode } from './codes';
import { MAX_WRITE_ATTEMPTS, pauseBeforeRetry } from '../retry';
import { requireVisibleParents } from './parent-accounts';

const DAY_MS = 86_400_000;

/** What an execution starts with (from the API, or from a schedule). */
export interface ExecutionInput {
  jobId?: string;
  type: JobType;
  schoolId: string;
  dryRun?: boolean;
  parentIds?: string[];
  toleratedFailurePercent?: number;
  actor: Actor;
}

/** The job as every state of the execution sees it. */
export interface JobRef {
  jobId: string;
  type: JobType;
  schoolId: string;
  districtId: string;
  dryRun: boolean;
  actor: Actor;
}

export interface SegmentRef {
  index: number;
  from?: string;
  to?: string;
  ids?: string[];
}

export interface PageState {
  job: JobRef;
  segment: SegmentRef;
  cursor?: string;
  more?: boolean;
}

/** Deterministic, so starting "the same job" twice names the same execution (at most 80 characters). */
export function jobIdFor(type: JobType, schoolId: string, key: string, dryRun: boolean): string {
  const digest = createHash('sha256').update(`${type}|${schoolId}|${dryRun}|${key}`).digest('hex').slice(0, 24);
  return `${dryRun ? 'preview' : type}-${digest}`;
}

/**
 * Start (or preview, with `dryRun`) a bulk job from the API. The same idempotency key gives the
 * same job: the second call returns the first job and starts nothing.
 */
export async function startJob(
  school: School,
  request: { type: JobType; dryRun: boolean; parentIds?: string[]; idempotencyKey?: string; toleratedFailurePercent: number },
  actor: Actor,
  starter: JobStarter,
) {
  if (request.type !== 'set-passwords' && request.parentIds) {
    throw new AppError(400, 'VALIDATION_FAILED', 'parentIds only go with set-passwords jobs.');
  }
  if (request.type === 'set-passwords') {
    if ((school.passwordPolicy ?? 'default') === 'random') {
      throw new ConflictError('RANDOM_POLICY_NOT_BULK', 'Random temporary passwords are handed to staff per call, not by a bulk job.');
    }
    if (request.parentIds) await requireVisibleParents(school, request.parentIds);
  }
  const jobId = jobIdFor(request.type, school.schoolId, request.idempotencyKey ?? crypto.randomUUID(), request.dryRun);
  const input = { jobId, ...request, schoolId: school.schoolId, actor };
  const created = await registerJob(school, input);
  if (created) await starter.start(jobId, input);
  return (await getJob(jobId))!;
}

async function registerJob(school: School, input: ExecutionInput & { jobId: string }): Promise<boolean> {
  const at = new Date().toISOString();
  const outcome = await createJob(
    {
      jobId: input.jobId,
      type: input.type,
      schoolId: school.schoolId,
      districtId: school.districtId,
      dryRun: input.dryRun ?? false,
      status: 'RUNNING',
      actor: input.actor,
      createdAt: at,
      toleratedFailurePercent: input.toleratedFailurePercent ?? 0,
      processed: 0,
      failed: 0,
      effects: 0,
      abandonedSegments: 0,
      pages: 0,
      ...(input.parentIds ? { selected: input.parentIds.length } : {}),
    },
    {
      schoolId: school.schoolId, action: 'job.started', actor: input.actor, at,
      details: { jobId: input.jobId, type: input.type, dryRun: input.dryRun ?? false },
    },
  );
  return outcome === 'created';
}

/**
 * Plan (first state): make sure the job is registered (a schedule starts executions directly),
 * count what is in scope, and cut the work into segments for the fan-out.
 */
export async function planJob(event: { input: ExecutionInput; executionName: string }) {
  const input = { ...event.input, jobId: event.input.jobId ?? event.executionName };
  const school = await getSchool(input.schoolId);
  if (!school) throw new NotFoundError('School');
  // The API registers a job before starting it; only a schedule's execution arrives unregistered.
  if (!(await getJob(input.jobId))) await registerJob(school, input);
  const total =
    input.type === 'set-passwords'
      ? (input.parentIds?.length ?? (await countRosteredParents(school)))
      : await countStudents(school.schoolId);
  await setJobTotal(input.jobId, total);
  const job: JobRef = {
    jobId: input.jobId, type: input.type, schoolId: school.schoolId, districtId: school.districtId,
    dryRun: input.dryRun ?? false, actor: input.actor,
  };
  const segments: SegmentRef[] = input.parentIds ? idSegments(input.parentIds) : nameSegments();
  return { job, segments };
}

async function countRosteredParents(school: School): Promise<number> {
  let count = 0;
  for (const segment of nameSegments()) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await parentPage(school.districtId, { from: segment.from, to: segment.to }, PAGE_SIZE, start);
      const parents = await getParents(school.districtId, page.parentIds);
      count += [...parents.values()].filter((p) => p.rosterSchools?.has(school.schoolId)).length;
      start = page.nextKey;
    } while (start);
  }
  return count;
}

interface ItemResult {
  processed: 0 | 1;
  effects: number;
  failed?: string;
}

/**
 * One batch (page) of a segment. Stops at once when the job was cancelled. Each item carries a
 * marker of this job, so items done by an earlier attempt are recognized, not redone; the
 * page's counts are then committed exactly once. A throw (throttling beyond the SDK's retries,
 * a crash) fails the invocation and Step Functions retries the page.
 */
export async function processPage(state: PageState): Promise<PageState> {
  const { job, segment } = state;
  const current = await getJob(job.jobId);
  if (!current || current.cancelRequested) return { job, segment, more: false };
  const school = (await getSchool(job.schoolId))!;
  const startKey = state.cursor ? (JSON.parse(Buffer.from(state.cursor, 'base64url').toString()) as Record<string, unknown>) : undefined;

  let ids: string[];
  let nextKey: Record<string, unknown> | undefined;
  if (segment.ids) ids = segment.ids;
  else if (job.type === 'set-passwords') ({ parentIds: ids, nextKey } = await parentPage(job.districtId, { from: segment.from!, to: segment.to! }, PAGE_SIZE, startKey));
  else ({ studentIds: ids, nextKey } = await studentPage(job.schoolId, { from: segment.from!, to: segment.to! }, PAGE_SIZE, startKey));

  const work = { 'reset-codes': resetItem, 'clear-links': clearItem, 'set-passwords': passwordItem }[job.type];
  const results = await mapWithConcurrency(ids, config.JOB_ITEM_CONCURRENCY, (id) => work(school, job, id, Boolean(segment.ids)));
  const pageKey = createHash('sha256').update(`${segment.index}|${state.cursor ?? ''}`).digest('hex').slice(0, 32);
  const failedIds = ids.filter((_, i) => results[i]!.failed);
  await commitPage(job.jobId, pageKey, {
    processed: results.reduce((n, r) => n + r.processed, 0),
    effects: results.reduce((n, r) => n + r.effects, 0),
    failed: failedIds.length,
    failedIds,
  });
  const cursor = nextKey ? Buffer.from(JSON.stringify(nextKey)).toString('base64url') : undefined;
  return { job, segment, cursor, more: Boolean(cursor) };
}

function itemAudit(job: JobRef, action: string, at: string) {
  return { schoolId: job.schoolId, action, actor: job.actor, at, details: { jobId: job.jobId } };
}

async function resetItem(school: School, job: JobRef, studentId: string): Promise<ItemResult> {
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    if (attempt > 0) await pauseBeforeRetry(attempt);
    const student = await getStudent(school.schoolId, studentId);
    if (!student) return { processed: 0, effects: 0 };
    if (student.resetByJob === job.jobId) return { processed: 1, effects: 1 };
    if (job.dryRun) return { processed: 1, effects: 1 };
    const now = new Date();
    const outcome = await replaceCode(student, await issueCode(school, studentId, now), { ...itemAudit(job, 'code.reset', now.toISOString()), studentId }, job.jobId);
    if (outcome === 'replaced') return { processed: 1, effects: 1 };
  }
  return { processed: 1, effects: 0, failed: 'busy' };
}

async function clearItem(school: School, job: JobRef, studentId: string): Promise<ItemResult> {
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    if (attempt > 0) await pauseBeforeRetry(attempt);
    const student = await getStudent(school.schoolId, studentId);
    if (!student) return { processed: 0, effects: 0 };
    if (student.clearedByJob === job.jobId) return { processed: 1, effects: student.clearedLinks ?? 0 };
    const links = await linksOfStudent(school.schoolId, studentId);
    if (job.dryRun) return { processed: 1, effects: links.length };
    const outcome = await clearStudentLinksForJob(student, links, job.jobId, { ...itemAudit(job, 'link.removed', new Date().toISOString()), studentId });
    if (typeof outcome === 'object') return { processed: 1, effects: outcome.removed };
  }
  return { processed: 1, effects: 0, failed: 'busy' };
}

async function passwordItem(school: School, job: JobRef, parentId: string, selected: boolean): Promise<ItemResult> {
  const parent = await getParent(job.districtId, parentId);
  if (!parent || (!selected && !parent.rosterSchools?.has(school.schoolId))) return { processed: 0, effects: 0 };
  if (parent.passwordSetByJob === job.jobId) return { processed: 1, effects: 1 };
  const password = defaultPassword(parent.firstName, parent.lastName);
  if (!password) return { processed: 1, effects: 0, failed: 'no-default-password' };
  if (job.dryRun) return { processed: 1, effects: 1 };
  const now = new Date();
  const at = now.toISOString();
  const temporary = {
    hash: await hashPassword(password),
    issuedAt: at,
    expiresAt: new Date(now.getTime() + config.TEMPORARY_PASSWORD_DAYS * DAY_MS).toISOString(),
  };
  const ok = await setTemporaryPassword(
    parent,
    temporary,
    { ...itemAudit(job, 'parent.password-set', at), parentId },
    { type: 'parent.password-set', at, districtId: parent.districtId, parentId, schoolId: school.schoolId },
    job.jobId,
  );
  if (ok) return { processed: 1, effects: 1 };
  const again = await getParent(job.districtId, parentId);
  return again?.passwordSetByJob === job.jobId ? { processed: 1, effects: 1 } : { processed: 1, effects: 0, failed: 'changed' };
}

/** A segment whose page kept failing after every retry: recorded, and the job will fail. */
export async function abandonSegment(state: PageState) {
  await recordAbandonedSegment(state.job.jobId, state.segment.index);
  return { abandoned: state.segment.index };
}

/** Summary (last state): decide and record the outcome, with the counts, in the audit trail. */
export async function summarizeJob(event: { job: JobRef }) {
  const job = (await getJob(event.job.jobId))!;
  const status = jobOutcome({ ...job, total: job.total ?? 0 });
  await finishJob(job.jobId, status, {
    schoolId: job.schoolId, action: 'job.finished', actor: job.actor, at: new Date().toISOString(),
    details: { jobId: job.jobId, type: job.type, dryRun: job.dryRun, status, processed: job.processed, failed: job.failed, effects: job.effects },
  });
  return { jobId: job.jobId, status, total: job.total, processed: job.processed, failed: job.failed, effects: job.effects };
}

export async function cancelJob(school: School, jobId: string, actor: Actor): Promise<Job> {
  const job = await getJob(jobId);
  if (!job || job.schoolId !== school.schoolId) throw new NotFoundError('Job');
  const asked = await requestCancel(jobId, { schoolId: school.schoolId, action: 'job.cancelled', actor, at: new Date().toISOString(), details: { jobId } });
  if (!asked) throw new ConflictError('JOB_NOT_RUNNING', 'Only a running job can be cancelled.');
  return (await getJob(jobId))!;
}
