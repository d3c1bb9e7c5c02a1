/**
 * Bulk jobs: what they are and the rules that decide their outcome. No AWS here.
 */

export type JobStatus = 'RUNNING' | 'CANCELLING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** Students (or parents) one worker invocation handles: the batch size. */
export const PAGE_SIZE = 100;

/**
 * Segments: ranges of the folded "last|first|id" name key. Each is paged through by its own
 * loop, and the segments run in parallel (bounded). Boundaries are letters; a name key always
 * contains '|', so it never equals a boundary and every key falls in exactly one range.
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
