import type { School } from '../data/schools';
import { listJobs } from '../data/jobs';
import { failedGuessesByDay } from '../data/throttle';
import { publicJob } from './school-jobs';

/** Jobs looked through for the latest census: one page of the school's jobs, newest first. */
const JOBS_SCANNED = 50;

/**
 * The code lifecycle of a school: where its codes stood at the latest census (a `code-census`
 * job: codes exported, redeemed, never redeemed, expired, students with no linked parent, and
 * the list of those students as its file), whether a census is running, and failed guesses by
 * day. Bounded work per request: one page of jobs and one BatchGet, whatever the school's size.
 */
export async function codeLifecycle(school: School, days: number) {
  const [jobs, failedGuesses] = await Promise.all([
    listJobs(school, { limit: JOBS_SCANNED }),
    failedGuessesByDay(school, days, new Date()),
  ]);
  const censuses = jobs.items.filter((job) => job.type === 'code-census' && !job.dryRun);
  const latest = censuses.find((job) => job.status === 'SUCCEEDED');
  const running = censuses.find((job) => job.status === 'RUNNING' || job.status === 'CANCELLING');
  return {
    ...(latest ? { census: publicJob(latest) } : {}),
    ...(running ? { running: publicJob(running) } : {}),
    failedGuesses,
  };
}
