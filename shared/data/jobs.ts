import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, paginateScan, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../domain/principal';
import type { JobStatus } from '../domain/jobs';
import type { JobType } from '../jobs/registry';
import { dynamo, numbered, table, transact, transactThroughConflicts, type Cancelled } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { keys, type SchoolRef } from './keys';
import { auditPut, AuditEvent } from './audit';

export interface Job {
  jobId: string;
  type: JobType;
  schoolId: string;
  districtId: string;
  dryRun: boolean;
  status: JobStatus;
  actor: Actor;
  /**
   * The starter's name as people read it (staff: the token's name, else its email), kept with the
   * job, which is not an append-only record; the audit trail keeps ids only.
   */
  startedByName?: string;
  /** When the job was registered: its start. */
  createdAt: string;
  /** When its last page committed (while it runs, the latest of its segments'); absent before the first. */
  updatedAt?: string;
  finishedAt?: string;
  toleratedFailurePercent: number;
  /** Students (or parents) in scope, counted when the job is planned. */
  total?: number;
  /** Items handled: done, or found already done by this job on a retry. */
  processed: number;
  failed: number;
  /** What the job changed (or, for a preview, would change): codes reset, links removed, passwords set. */
  effects: number;
  abandonedSegments: number;
  pages: number;
  cancelRequested?: boolean;
  /** Selected parents for a set-passwords job; absent means all parents of the school. */
  selected?: number;
  /** The grade an export job is narrowed to. */
  grade?: string;
  /** The file the job made (export jobs), once it is in the exports bucket. */
  file?: JobFileRecord;
  /** Why the job was refused when planned (an import's bad files): nothing was written. */
  problem?: JobProblem;
  /** The upload an import job reads. */
  uploadId?: string;
  /** Segments planned; while the job runs their progress items hold the counts. */
  segments?: number;
  /** Items per page of its paged segments, chosen when it was planned (shared/jobs/page-size.ts). */
  pageSize?: number;
  /** Named counts the items added up (a census job), counted once per page like the totals. */
  tally?: Record<string, number>;
  /** The job counts in its school's running jobs (the per-school limit) until it finishes. */
  holdsSlot?: boolean;
}

/** A file a job makes (a whole-school export), as the job item records it. */
export interface JobFileRecord {
  key: string;
  name: string;
  contentType: string;
  bytes: number;
  rows: number;
}

export interface JobProblem {
  code: string;
  message: string;
  details?: unknown;
}

/** Tally counts live as top-level numbers (`t_<name>`), so each page can ADD to them in one update. */
const TALLY = 't_';
const TALLY_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,31}$/;

/** The update-expression parts that SET (`= `) or ADD (` `) a tally's counts. */
function tallyClauses(tally: Record<string, number> = {}, operator: ' = ' | ' ') {
  const entries = Object.entries(tally);
  for (const [name] of entries) if (!TALLY_NAME.test(name)) throw new Error(`Not a tally name: ${name}`);
  return {
    clauses: entries.map((_, i) => `, #t${i}${operator}:t${i}`).join(''),
    names: Object.fromEntries(entries.map(([name], i) => [`#t${i}`, `${TALLY}${name}`])),
    values: Object.fromEntries(entries.map(([, n], i) => [`:t${i}`, n])),
  };
}

/**
 * Registers a job with its audit event. With `slot`, the job takes one of its school's running
 * slots in the same transaction, given back when it finishes (`finishJob`); with `slot.max`,
 * only while fewer than that many jobs of the school run: a condition on the school's counter
 * item, so two starts at one moment cannot both take the last slot ('limit', nothing written).
 */
export async function createJob(job: Job, audit: AuditEvent, slot?: { max?: number }): Promise<'created' | 'exists' | 'limit'> {
  // The API and the execution's Plan may register one job at the same moment; many jobs of one
  // school may register at once (conflicts on the counter are sent again, never taken as "full").
  const cancelled = await transactThroughConflicts({
    job: {
      Put: {
        TableName: table('jobs'),
        Item: { ...keys.job(job.jobId), ...job, districtSchool: keys.districtSchool(job), ...(slot ? { holdsSlot: true } : {}) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    audit: auditPut(audit),
    ...(slot
      ? {
          slots: {
            Update: {
              TableName: table('jobs'),
              Key: keys.jobSlots(job),
              UpdateExpression: 'ADD #running :one, #ofType :one',
              ...(slot.max !== undefined
                ? { ConditionExpression: '(attribute_not_exists(#running) OR #running < :max) AND (attribute_not_exists(#ofType) OR #ofType < :one)' }
                : {}),
              ExpressionAttributeNames: { '#running': 'running', '#ofType': runningOfType(job.type) },
              ExpressionAttributeValues: { ':one': 1, ...(slot.max !== undefined ? { ':max': slot.max } : {}) },
            },
          },
        }
      : {}),
  });
  if (!cancelled) return 'created';
  if (cancelled.failed.has('job')) return 'exists';
  if (cancelled.failed.has('slots')) return 'limit';
  throw new Error(`Job create cancelled: ${cancelled.codes}`);
}

/** How many of the school's jobs (of one type, or all) hold a running slot now (a consistent read of its counter). */
export async function runningJobCount(school: SchoolRef, type?: JobType): Promise<number> {
  const counts = await runningJobCounts(school, type ?? 'reset-codes');
  return type ? counts.ofType : counts.all;
}

/** The school's running jobs, all and of one type, from one read of its slot item. */
export async function runningJobCounts(school: SchoolRef, type: JobType): Promise<{ all: number; ofType: number }> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table('jobs'), Key: keys.jobSlots(school), ConsistentRead: true }));
  return { all: Number(Item?.running ?? 0), ofType: Number(Item?.[runningOfType(type)] ?? 0) };
}

/** The slot item's count of running jobs of one type (a school runs one of a type at a time). */
const runningOfType = (type: JobType) => `running_${type}`;

/**
 * A job with its progress: while it runs, the job item's counts plus its segments' (one BatchGet);
 * once finished, the job item holds the final counts.
 */
export async function getJob(jobId: string): Promise<Job | undefined> {
  const job = await getJobItem(jobId);
  return job ? withProgress(job) : undefined;
}

/** The job item alone (status, cancel request, settings): what a page checks before it runs. */
export async function getJobItem(jobId: string): Promise<Job | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table('jobs'), Key: keys.job(jobId), ConsistentRead: true }));
  return Item ? toJob(Item) : undefined;
}

async function withProgress(job: Job): Promise<Job> {
  if (job.finishedAt || !job.segments) return job;
  const totals = await segmentTotals(job.jobId, job.segments);
  const tally = { ...(job.tally ?? {}) };
  for (const [name, n] of Object.entries(totals.tally)) tally[name] = (tally[name] ?? 0) + n;
  return {
    ...job,
    processed: job.processed + totals.processed,
    failed: job.failed + totals.failed,
    effects: job.effects + totals.effects,
    pages: job.pages + totals.pages,
    ...(Object.keys(tally).length ? { tally } : {}),
    ...(totals.updatedAt ? { updatedAt: totals.updatedAt } : {}),
  };
}

export async function listJobs(school: SchoolRef, page: { limit: number; cursor?: string }) {
  const districtSchool = keys.districtSchool(school);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table('jobs'),
      IndexName: 'byDistrictSchool',
      KeyConditionExpression: 'districtSchool = :s',
      ExpressionAttributeValues: { ':s': districtSchool },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, { districtSchool }),
    }),
  );
  // Finished jobs carry their counts; only running ones (few) add up their segments.
  return { items: await Promise.all((result.Items ?? []).map((item) => withProgress(toJob(item)))), nextCursor: encodeCursor(result.LastEvaluatedKey) };
}

/**
 * The items in scope, the segments and their page size, and tallies fixed at planning (SET, so a
 * re-run plan changes nothing).
 */
export async function setJobTotal(jobId: string, total: number, segments: number, tally: Record<string, number> = {}, pageSize?: number): Promise<void> {
  const fixed = tallyClauses(tally, ' = ');
  await dynamo.send(
    new UpdateCommand({
      TableName: table('jobs'),
      Key: keys.job(jobId),
      UpdateExpression: `SET #total = :t, #segments = :segments${pageSize !== undefined ? ', pageSize = :pageSize' : ''}${fixed.clauses}`,
      // SEGMENTS is one of DynamoDB's reserved words.
      ExpressionAttributeNames: { '#total': 'total', '#segments': 'segments', ...fixed.names },
      ExpressionAttributeValues: { ':t': total, ':segments': segments, ...(pageSize !== undefined ? { ':pageSize': pageSize } : {}), ...fixed.values },
    }),
  );
}

/** Why the job was refused as a whole when it was planned (nothing was written); the job then fails. */
export async function setJobProblem(jobId: string, problem: JobProblem): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: table('jobs'),
      Key: keys.job(jobId),
      UpdateExpression: 'SET #total = :zero, problem = :problem',
      ExpressionAttributeNames: { '#total': 'total' },
      ExpressionAttributeValues: { ':zero': 0, ':problem': problem },
    }),
  );
}

/**
 * Adds one page's counts to its segment's progress item exactly once: the item records how many
 * pages of the segment are counted, and the update is conditional on this page being the next,
 * so a retried or re-run page adds nothing. A segment's pages run one after another, so no two
 * commits share an item; each segment's item has a partition of its own, so a wide job has no
 * hot item (the job item is written at start and end only). With a page audit event, the two
 * commit together. False when the page was counted already.
 */
export async function commitPage(
  jobId: string,
  segment: number,
  page: number,
  /** `at`: when the page committed, shown as the job's `updatedAt` (default now). */
  counts: { processed: number; failed: number; effects: number; failedIds: string[]; tally?: Record<string, number>; at?: string },
  /** The page's audit events (types that record their changes per page): committed with the counts, so once. */
  audits: readonly AuditEvent[] = [],
): Promise<boolean> {
  const tally = tallyClauses(counts.tally, ' ');
  const update = {
    TableName: table('jobs'),
    Key: keys.jobSegment(jobId, segment),
    UpdateExpression:
      `SET pagesDone = :page, jobId = :jobId, updatedAt = :at${counts.failedIds.length ? ', lastFailedIds = :ids' : ''} ` +
      `ADD #processed :p, #failed :f, #effects :e${tally.clauses}`,
    ConditionExpression: page === 1 ? 'attribute_not_exists(pagesDone)' : 'pagesDone = :previous',
    ExpressionAttributeNames: {
      '#processed': 'processed', '#failed': 'failed', '#effects': 'effects',
      ...tally.names,
    },
    ExpressionAttributeValues: {
      ':page': page, ':jobId': jobId, ':at': counts.at ?? new Date().toISOString(), ':p': counts.processed, ':f': counts.failed, ':e': counts.effects,
      ...(page === 1 ? {} : { ':previous': page - 1 }),
      ...(counts.failedIds.length ? { ':ids': counts.failedIds.slice(0, 100) } : {}),
      ...tally.values,
    },
  };
  if (!audits.length) {
    try {
      await dynamo.send(new UpdateCommand(update));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
  const cancelled = await transact({ segment: { Update: update }, ...numbered('audit', audits.map((audit) => auditPut(audit))) });
  if (!cancelled) return true;
  if (cancelled.failed.has('segment')) return false;
  throw new Error(`Page commit cancelled: ${cancelled.codes}`);
}

/** The counts of a job's segments, added up, and the latest commit among them: one BatchGet per 100 segments. */
async function segmentTotals(jobId: string, segments: number) {
  const totals = { processed: 0, failed: 0, effects: 0, pages: 0, tally: {} as Record<string, number>, updatedAt: undefined as string | undefined };
  for (let start = 0; start < segments; start += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
      [table('jobs')]: { Keys: Array.from({ length: Math.min(100, segments - start) }, (_, i) => keys.jobSegment(jobId, start + i)), ConsistentRead: true },
    };
    while (request && Object.keys(request).length) {
      const result = await dynamo.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of result.Responses?.[table('jobs')] ?? []) {
        totals.processed += Number(item.processed ?? 0);
        totals.failed += Number(item.failed ?? 0);
        totals.effects += Number(item.effects ?? 0);
        totals.pages += Number(item.pagesDone ?? 0);
        // ISO timestamps of one clock format compare as text.
        if (typeof item.updatedAt === 'string' && (!totals.updatedAt || item.updatedAt > totals.updatedAt)) totals.updatedAt = item.updatedAt;
        for (const [name, value] of Object.entries(item)) if (name.startsWith(TALLY)) totals.tally[name.slice(TALLY.length)] = (totals.tally[name.slice(TALLY.length)] ?? 0) + Number(value);
      }
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return totals;
}

/** A segment whose retries ran out: counted once, and it fails the job. */
export async function recordAbandonedSegment(jobId: string, segmentIndex: number): Promise<void> {
  // Two segments may give up at one moment: a conflict is sent again, never taken as recorded.
  const cancelled = await transactThroughConflicts({
    marker: {
      Put: {
        TableName: table('jobs'),
        Item: { ...keys.jobPage(jobId, `ABANDONED#${segmentIndex}`) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    totals: {
      Update: {
        TableName: table('jobs'),
        Key: keys.job(jobId),
        UpdateExpression: 'ADD abandonedSegments :one',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  });
  // The marker's condition failing means an earlier attempt recorded this segment.
  if (cancelled && !cancelled.failed.has('marker')) throw new Error(`Abandoned segment not recorded: ${cancelled.codes}`);
}

/** Records the job's file once; false when a file was recorded already (a re-run of the step). */
export async function setJobFile(jobId: string, file: JobFileRecord): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table('jobs'),
        Key: keys.job(jobId),
        UpdateExpression: 'SET #file = :file',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#file)',
        ExpressionAttributeNames: { '#file': 'file' },
        ExpressionAttributeValues: { ':file': file },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Asks a running job to stop: workers check before each page. False when it is not running. */
export async function requestCancel(jobId: string, audit: AuditEvent): Promise<boolean> {
  const cancelled = await transactThroughConflicts({
    job: {
      Update: {
        TableName: table('jobs'),
        Key: keys.job(jobId),
        UpdateExpression: 'SET cancelRequested = :yes, #status = :cancelling',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':yes': true, ':cancelling': 'CANCELLING', ':running': 'RUNNING' },
      },
    },
    audit: auditPut(audit),
  });
  return conditionHeld(cancelled);
}

/**
 * True when the transaction went through, false when the job's condition failed; resent while
 * only conflicts cancel it (a page, a cancel and the summary may write the job at one moment), so
 * a conflict never reads as "not running" or "already finished".
 */
function conditionHeld(cancelled: Cancelled | undefined): boolean {
  if (!cancelled) return true;
  if (cancelled.failed.has('job')) return false;
  throw new Error(`Job transaction cancelled: ${cancelled.codes}`);
}

/**
 * Records the outcome once, with the final counts (the segments' added up), on the job item; a
 * re-run of the summary step finds the job finished and changes nothing.
 */
export async function finishJob(job: Job, status: JobStatus, audit: AuditEvent): Promise<boolean> {
  const tally = tallyClauses(job.tally, ' = ');
  const cancelled = await transactThroughConflicts({
    job: {
      Update: {
        TableName: table('jobs'),
        Key: keys.job(job.jobId),
        UpdateExpression: `SET #status = :status, finishedAt = :at, #processed = :p, #failed = :f, #effects = :e, #pages = :pages${job.updatedAt ? ', updatedAt = :updated' : ''}${tally.clauses}`,
        ConditionExpression: '#status IN (:running, :cancelling)',
        ExpressionAttributeNames: {
          '#status': 'status', '#processed': 'processed', '#failed': 'failed', '#effects': 'effects', '#pages': 'pages',
          ...tally.names,
        },
        ExpressionAttributeValues: {
          ':status': status, ':at': audit.at, ':running': 'RUNNING', ':cancelling': 'CANCELLING',
          ':p': job.processed, ':f': job.failed, ':e': job.effects, ':pages': job.pages,
          // The last page's commit, kept once the segments no longer count.
          ...(job.updatedAt ? { ':updated': job.updatedAt } : {}),
          ...tally.values,
        },
      },
    },
    audit: auditPut(audit),
    // Its school's running slot is given back by the one write that ends the job (its condition
    // holds once), whichever path ends it: the summary, the catch or the EventBridge rule.
    ...(job.holdsSlot
      ? {
          slot: {
            Update: {
              TableName: table('jobs'),
              Key: keys.jobSlots(job),
              UpdateExpression: 'ADD #running :minusOne, #ofType :minusOne',
              ExpressionAttributeNames: { '#running': 'running', '#ofType': runningOfType(job.type) },
              ExpressionAttributeValues: { ':minusOne': -1 },
            },
          },
        }
      : {}),
  });
  return conditionHeld(cancelled);
}

/**
 * Jobs not finished yet, across the table. A Scan: only the local runtime calls it, at start-up,
 * to settle jobs whose in-process execution died with the previous run.
 */
export async function unfinishedJobs(): Promise<Job[]> {
  const jobs: Job[] = [];
  for await (const page of paginateScan(
    { client: dynamo },
    {
      TableName: table('jobs'),
      FilterExpression: 'sk = :job AND #status IN (:running, :cancelling)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':job': 'JOB', ':running': 'RUNNING', ':cancelling': 'CANCELLING' },
    },
  )) {
    jobs.push(...(page.Items ?? []).map(toJob));
  }
  return jobs;
}

function toJob(item: Record<string, unknown>): Job {
  const { pk: _pk, sk: _sk, districtSchool: _index, ...rest } = item;
  const tally: Record<string, number> = {};
  const job: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (name.startsWith(TALLY)) tally[name.slice(TALLY.length)] = value as number;
    else job[name] = value;
  }
  return (Object.keys(tally).length ? { ...job, tally } : job) as unknown as Job;
}
