import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, paginateScan, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../domain/principal';
import type { JobStatus } from '../domain/jobs';
import type { JobType } from '../jobs/registry';
import type { JobFileRecord } from '../jobs/job-work';
import { dynamo, table, transact } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { keys } from './keys';
import { auditPut, AuditEvent } from './audit';

export interface Job {
  jobId: string;
  type: JobType;
  schoolId: string;
  districtId: string;
  dryRun: boolean;
  status: JobStatus;
  actor: Actor;
  createdAt: string;
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
  /** Named counts the items added up (a census job), counted once per page like the totals. */
  tally?: Record<string, number>;
}

export interface JobProblem {
  code: string;
  message: string;
  details?: unknown;
}

/** Tally counts live as top-level numbers (`t_<name>`), so each page can ADD to them in one update. */
const TALLY = 't_';
const TALLY_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,31}$/;

export async function createJob(job: Job, audit: AuditEvent): Promise<'created' | 'exists'> {
  const cancelled = await transact({
    job: {
      Put: {
        TableName: table('jobs'),
        Item: { ...keys.job(job.jobId), ...job },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    audit: auditPut(audit),
  });
  if (!cancelled) return 'created';
  if (cancelled.failed.has('job')) return 'exists';
  throw new Error(`Job create cancelled: ${cancelled.codes}`);
}

export async function getJob(jobId: string): Promise<Job | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table('jobs'), Key: keys.job(jobId), ConsistentRead: true }));
  return Item ? toJob(Item) : undefined;
}

export async function listJobs(schoolId: string, page: { limit: number; cursor?: string }) {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table('jobs'),
      IndexName: 'bySchool',
      KeyConditionExpression: 'schoolId = :s',
      ExpressionAttributeValues: { ':s': schoolId },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, { schoolId }),
    }),
  );
  return { items: (result.Items ?? []).map(toJob), nextCursor: encodeCursor(result.LastEvaluatedKey) };
}

/** The items in scope, and tallies fixed at planning (SET, so a re-run plan changes nothing). */
export async function setJobTotal(jobId: string, total: number, tally: Record<string, number> = {}): Promise<void> {
  const fixed = Object.entries(tally);
  for (const [name] of fixed) if (!TALLY_NAME.test(name)) throw new Error(`Not a tally name: ${name}`);
  await dynamo.send(
    new UpdateCommand({
      TableName: table('jobs'),
      Key: keys.job(jobId),
      UpdateExpression: `SET #total = :t${fixed.map((_, i) => `, #t${i} = :t${i}`).join('')}`,
      ExpressionAttributeNames: { '#total': 'total', ...Object.fromEntries(fixed.map(([name], i) => [`#t${i}`, `${TALLY}${name}`])) },
      ExpressionAttributeValues: { ':t': total, ...Object.fromEntries(fixed.map(([, n], i) => [`:t${i}`, n])) },
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
 * Adds one page's counts to the job exactly once: the page's record is created in the same
 * transaction, so a retried or re-run page finds it and adds nothing. False when already counted.
 */
export async function commitPage(
  jobId: string,
  pageKey: string,
  counts: { processed: number; failed: number; effects: number; failedIds: string[]; tally?: Record<string, number> },
): Promise<boolean> {
  const tally = Object.entries(counts.tally ?? {});
  for (const [name] of tally) if (!TALLY_NAME.test(name)) throw new Error(`Not a tally name: ${name}`);
  const cancelled = await transact({
    page: {
      Put: {
        TableName: table('jobs'),
        Item: { ...keys.jobPage(jobId, pageKey), ...counts, failedIds: counts.failedIds.slice(0, 100) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    totals: {
      Update: {
        TableName: table('jobs'),
        Key: keys.job(jobId),
        UpdateExpression: `ADD #processed :p, #failed :f, #effects :e, #pages :one${tally.map((_, i) => `, #t${i} :t${i}`).join('')}`,
        ExpressionAttributeNames: {
          '#processed': 'processed', '#failed': 'failed', '#effects': 'effects', '#pages': 'pages',
          ...Object.fromEntries(tally.map(([name], i) => [`#t${i}`, `${TALLY}${name}`])),
        },
        ExpressionAttributeValues: { ':p': counts.processed, ':f': counts.failed, ':e': counts.effects, ':one': 1, ...Object.fromEntries(tally.map(([, n], i) => [`:t${i}`, n])) },
      },
    },
  });
  if (!cancelled) return true;
  if (cancelled.failed.has('page')) return false;
  throw new Error(`Page commit cancelled: ${cancelled.codes}`);
}

/** A segment whose retries ran out: counted once, and it fails the job. */
export async function recordAbandonedSegment(jobId: string, segmentIndex: number): Promise<void> {
  await transact({
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
  const cancelled = await transact({
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
  return !cancelled;
}

/** Records the outcome once; a re-run of the summary step finds the job finished and changes nothing. */
export async function finishJob(jobId: string, status: JobStatus, audit: AuditEvent): Promise<boolean> {
  const cancelled = await transact({
    job: {
      Update: {
        TableName: table('jobs'),
        Key: keys.job(jobId),
        UpdateExpression: 'SET #status = :status, finishedAt = :at',
        ConditionExpression: '#status IN (:running, :cancelling)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status, ':at': audit.at, ':running': 'RUNNING', ':cancelling': 'CANCELLING' },
      },
    },
    audit: auditPut(audit),
  });
  return !cancelled;
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
  const { pk: _pk, sk: _sk, ...rest } = item;
  const tally: Record<string, number> = {};
  const job: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (name.startsWith(TALLY)) tally[name.slice(TALLY.length)] = value as number;
    else job[name] = value;
  }
  return (Object.keys(tally).length ? { ...job, tally } : job) as unknown as Job;
}
