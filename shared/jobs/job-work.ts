import type { Actor } from '../domain/principal';
import type { School } from '../data/schools';
import { getStudent, studentBoundaries, studentPage, Student } from '../data/student-profiles';
import { equalSegments, studentsPerSegment, type Segment } from '../domain/jobs';
import { retryOnConflict, RETRY } from '../retry';
import type { JobOptions, JobType } from './registry';

/** The job as every state of the execution sees it. */
export interface JobRef {
  jobId: string;
  type: JobType;
  schoolId: string;
  districtId: string;
  dryRun: boolean;
  actor: Actor;
  /** The API request (or schedule) that started the job, carried into every state's logs and traces. */
  correlationId?: string;
  /** The start request's options, as its type declares them in the registry; a schedule's job has none. */
  options?: JobOptions;
  /** The starter was district-wide staff, who may add parents other schools roster (an import). */
  mayClaimParents?: boolean;
}

/** What a type that plans its own items returns: how many there are, the segments, and fixed tallies. */
export interface PlannedItems {
  total: number;
  segments: { index: number; ids: string[] }[];
  tally?: Record<string, number>;
}

/** What one item came to: counted once, with what it changed (or would, in a preview). */
export interface ItemResult {
  /** Items (records, for an import's chunk) handled. */
  processed: number;
  effects: number;
  failed?: string;
  /** The item's row of the job's file (export jobs), in page order. */
  output?: unknown;
  /** Named counts this item adds to the job's tally (a census: which states the item is in). */
  tally?: Readonly<Record<string, number>>;
  /** What the item changed, for a type that records its changes per page (`pageAudit`): its id, or its links. */
  audited?: string | readonly string[];
}

/**
 * Jobs that make a file: each page's rows are stored as a part (the engine keys parts so they
 * sort in file order), and once every page is done the type's assembler (files.ts) joins the
 * parts into the file.
 */
export interface JobFile {
  /** One page's rows as the text of a part. */
  part(rows: unknown[]): string;
}

/** Joins a job's parts (in file order) into its file; only the WriteFile task loads these. */
export type JobFileAssembler = (school: School, job: JobRef, parts: Buffer[]) => Promise<{ name: string; contentType: string; bytes: Uint8Array }>;

/** A page of item ids and where the next page starts (a DynamoDB key), if there is one. */
export interface ItemPage {
  ids: string[];
  nextKey?: Record<string, unknown>;
}

/**
 * What a job type does; the engine does the rest (registering, counting into the job item,
 * segments and pages, exactly-once page commits, cancellation, the outcome).
 *
 * Exactly once per item: each type marks what it changed with the job id (`marker`), so an item
 * done by an earlier attempt of the same page is recognized and counted, not redone.
 */
export interface JobWork {
  /** The attribute that records "done by job X" on the item (types that change items). */
  marker?: string;
  /** Items in scope (as the job's options narrow it) counted and cut into equal segments (types whose items are students). */
  spread?(school: School, job: Pick<JobRef, 'options'>): Promise<{ total: number; segments: Segment[] }>;
  /** Otherwise: items in scope when no ids are given, for the progress bar (cut into fixed name ranges). */
  count?(school: School): Promise<number>;
  /** One page of a name segment: ids of items whose folded name key is in [from, to). */
  page(school: School, range: { from: string; to: string }, limit: number, startKey?: Record<string, unknown>): Promise<ItemPage>;
  /** Does (or, in a preview, measures) one item. `selected`: the id was named by the request. */
  item(school: School, job: JobRef, id: string, selected: boolean): Promise<ItemResult>;
  /** For jobs that make a file (not in a preview). */
  file?: JobFile;
  /**
   * One audit event per page (more for a very long list) listing what its items changed
   * (`audited`: student ids, or `student:parent` links), committed with the page's counts
   * (exactly once), for types whose changes are too many to record one by one (Reset All, Clear
   * All: an event per student or per link is a transactional write each on the school's single
   * audit partition, which takes 1,000 WCU/s).
   */
  pageAudit?: { action: string; lists: 'students' | 'links' };
  /**
   * Types whose items are neither the school's students nor its parents (an import's chunks):
   * checks the whole job and plans its items. A domain error (bad files, a taken user name)
   * fails the job with that problem recorded, before anything is written.
   */
  plan?(school: School, job: JobRef): Promise<PlannedItems>;
  /** Checks the planned total against what the starter confirmed; a domain error fails the job before anything is written. */
  confirm?(job: JobRef, total: number): void;
}

/** The audit event an item of a job writes. */
export function itemAudit(job: JobRef, action: string, at: string) {
  return { districtId: job.districtId, schoolId: job.schoolId, action, actor: job.actor, at, details: { jobId: job.jobId } };
}

/**
 * Counting, cutting and paging for job types whose items are the school's students: equal
 * segments from the school's name index, so every segment takes about as long.
 */
export const schoolStudents: Pick<JobWork, 'page' | 'spread'> = {
  async spread(school, job) {
    const { total, boundaries } = await studentBoundaries(school, studentsPerSegment, job.options?.grade);
    return { total, segments: equalSegments(boundaries) };
  },
  page: (school, range, limit, startKey) => studentPage(school, range, limit, startKey),
};

/**
 * A student item done optimistically: read the student, decide, write conditionally. A lost
 * race is retried; past the retries the item counts as failed ("busy"). A student that is gone
 * is not counted.
 */
export function studentItem(work: (school: School, job: JobRef, student: Student) => Promise<ItemResult | typeof RETRY>): JobWork['item'] {
  return (school, job, studentId) =>
    retryOnConflict(
      async () => {
        const student = await getStudent(school, studentId);
        return student ? work(school, job, student) : { processed: 0, effects: 0 };
      },
      () => ({ processed: 1, effects: 0, failed: 'busy' }),
    );
}
