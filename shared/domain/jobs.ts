/**
 * Bulk jobs: what they are and the rules that decide their outcome. No AWS here.
 */

export type JobStatus = 'RUNNING' | 'CANCELLING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** Students (or parents) one worker invocation handles: the batch size. */
export const PAGE_SIZE = 100;

/**
 * Segments: ranges of the folded "last|first|id" name key. Each is paged through by its own
 * loop, and the segments run in parallel (bounded). These fixed ones (boundaries are letters; a
 * name key always contains '|', so it never equals one) cut a district's parents; a school's
 * students are cut into equal segments instead (equalSegments). A range's upper end is
 * excluded: a page drops a key equal to it.
 */
const BOUNDS = [' ', 'b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'w', '\u{10FFFF}'];

export interface Segment {
  index: number;
  from: string;
  to: string;
}

export function nameSegments(): Segment[] {
  return BOUNDS.slice(0, -1).map((from, index) => ({ index, from, to: BOUNDS[index + 1]! }));
}

/** Segments a school's students are cut into for a bulk job: the Distributed Map runs them all at once. */
export const TARGET_SEGMENTS = 64;

/** Students per segment: an equal share of the school, at least a page. */
export function studentsPerSegment(total: number): number {
  return Math.max(PAGE_SIZE, Math.ceil(total / TARGET_SEGMENTS));
}

/**
 * Equal segments of a school's students from name keys sampled every `studentsPerSegment`
 * students (each a real key): segment i runs from boundary i (included) to boundary i+1
 * (excluded: it starts the next segment). The first starts below every key and the last ends
 * above every key, so each student falls in exactly one segment, whatever was added since.
 */
export function equalSegments(boundaries: readonly string[]): Segment[] {
  const bounds = [BOUNDS[0]!, ...boundaries, BOUNDS[BOUNDS.length - 1]!];
  return bounds.slice(0, -1).map((from, index) => ({ index, from, to: bounds[index + 1]! }));
}

/** Selected parents are split into fixed pages up front instead. */
export function idSegments(ids: readonly string[]): { index: number; ids: string[] }[] {
  const segments = [];
  for (let i = 0; i < ids.length; i += PAGE_SIZE) segments.push({ index: segments.length, ids: ids.slice(i, i + PAGE_SIZE) });
  return segments;
}

/**
 * The outcome: cancelled if asked; failed when failures exceed the tolerated share, a segment
 * was abandoned after its retries, or a file the job makes is missing; succeeded otherwise.
 */
export function jobOutcome(job: {
  cancelRequested?: boolean;
  total: number;
  failed: number;
  abandonedSegments: number;
  toleratedFailurePercent: number;
  /** A job that makes a file whose file was not made. */
  fileMissing?: boolean;
  /** A job refused as a whole when it was planned (nothing written). */
  refused?: boolean;
}): JobStatus {
  if (job.cancelRequested) return 'CANCELLED';
  if (job.abandonedSegments > 0 || job.fileMissing || job.refused) return 'FAILED';
  const allowed = (job.total * job.toleratedFailurePercent) / 100;
  return job.failed > allowed ? 'FAILED' : 'SUCCEEDED';
}
