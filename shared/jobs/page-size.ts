import { PAGE_SIZE } from '../domain/jobs';

/**
 * Pages per segment a job aims for, so its progress moves: a job's counts change only when a
 * page commits, a segment's pages run one after another and the segments side by side, so a
 * segment of one page shows a poller "0 of 500" until everything lands at once. Eight pages per
 * segment give about eight visible steps, each segment's progress climbing in eighths.
 */
export const PROGRESS_PAGES_PER_SEGMENT = 8;

/**
 * The smallest page worth a worker invocation: below this the invocation's fixed cost (the job
 * item, the school, the commit) outweighs the items it does.
 */
export const MIN_PAGE_SIZE = 4;

/**
 * Items per page of a job whose segments are paged (name ranges), chosen once when the job is
 * planned and carried on each segment in the execution's state, so every attempt of a page (Step
 * Functions retries a task with the same input) reads the same page and commits it under the
 * same number:
 *
 *   clamp(ceil(total / (segments × PROGRESS_PAGES_PER_SEGMENT)), MIN_PAGE_SIZE, PAGE_SIZE)
 *
 * Small and medium schools get several pages per segment (500 students: 5 segments of 8 pages of
 * 13). The upper bound is PAGE_SIZE, not less: from about 51,000 students (64 segments × 8 pages
 * × 100) every page is PAGE_SIZE as before, so a million-student job pages exactly as it did and
 * the cloud model (bench/cloud.ts, with PAGE_SIZE) holds unchanged. The extra pages of a medium
 * school cost a few state transitions and invocations each (20,000 students: 512 pages instead
 * of 256, under $0.02 in AWS) and some per-page latency, for progress a person can watch.
 */
export function pageSizeFor(total: number, segments: number): number {
  if (!(total > 0) || !(segments > 0)) return PAGE_SIZE;
  return Math.min(PAGE_SIZE, Math.max(MIN_PAGE_SIZE, Math.ceil(total / (segments * PROGRESS_PAGES_PER_SEGMENT))));
}
