import type { JobType } from './registry';
import type { JobWork } from './job-work';

/**
 * What each job type does, loaded on first use. Apart from the registry so that only the
 * functions that run or start jobs bundle the types' code (and what it imports).
 */
const WORK: Record<JobType, () => Promise<{ default: JobWork }>> = {
  'reset-codes': () => import('./types/reset-codes'),
  'clear-links': () => import('./types/clear-links'),
  'set-passwords': () => import('./types/set-passwords'),
  'export-codes': () => import('./types/export-codes'),
  'code-letters': () => import('./types/code-letters'),
  'import-oneroster': () => import('./types/import-oneroster'),
  'code-census': () => import('./types/code-census'),
  'invite-guardians': () => import('./types/invite-guardians'),
  'remind-invitations': () => import('./types/remind-invitations'),
};

export async function jobWork(type: JobType): Promise<JobWork> {
  return (await WORK[type]()).default;
}
