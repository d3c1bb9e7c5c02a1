import type { Permission } from '../domain/principal';

/**
 * Every bulk-job type, declared once: what starting one needs, whether a schedule may start it,
 * what a request may name. Plain data only, because the API contract (and so every function)
 * reads it: what a type does lives in types/ (loaded by work.ts, which only the job tasks and
 * the start route import), the files it makes in files/ (only the WriteFile task). One engine
 * (engine.ts) runs any type listed here; adding a type means an entry here, in work.ts, and its
 * own file under types/.
 */
export const JOB_TYPE_REGISTRY = {
  /** Reset All: a new code for every student of the school. */
  'reset-codes': { permission: 'codes:reset', schedulable: true },
  /** Clear All: every parent link of every student of the school. */
  'clear-links': { permission: 'links:remove', schedulable: true },
  /**
   * Temporary passwords for the school's parents (or selected ones). Not schedulable: a schedule
   * runs with no person to hand random passwords to.
   */
  'set-passwords': { permission: 'passwords:set', schedulable: false, takesParentIds: true },
  /**
   * The codes of the whole school (or a grade) as one CSV in the exports bucket, for a download
   * link. Not schedulable: a file of every code should be made when someone is there to take it.
   */
  'export-codes': { permission: 'codes:export', schedulable: false, takesGrade: true, makesFile: true },
  /** Letters home for the whole school (or a grade), one PDF in the exports bucket. */
  'code-letters': { permission: 'codes:export', schedulable: false, takesGrade: true, makesFile: true },
  /**
   * A OneRoster import of any size from uploaded files (POST …/roster/uploads first): checked
   * whole, then written in parallel chunks. Not schedulable: each run has its own upload.
   */
  'import-oneroster': { permission: 'roster:write', schedulable: false, takesUpload: true },
  /**
   * The code lifecycle census: where every current code stands and which students have no
   * linked parent (listed in its file). Changes nothing; a schedule may run it nightly.
   */
  'code-census': { permission: 'students:read', schedulable: true, makesFile: true },
} as const satisfies Record<string, JobTypeEntry>;

export interface JobTypeEntry {
  /** Needed to start, preview, schedule or cancel a job of this type (besides jobs:run). */
  permission: Permission;
  schedulable: boolean;
  /** Whether a start request may name the items (parent ids) instead of the whole school. */
  takesParentIds?: boolean;
  /** Whether a start request may narrow the job to one grade's students. */
  takesGrade?: boolean;
  /** Whether a start request names uploaded files (an import). */
  takesUpload?: boolean;
  /** Whether the job makes a file (offered for download when it succeeds). */
  makesFile?: boolean;
}

export type JobType = keyof typeof JOB_TYPE_REGISTRY;
export const JOB_TYPES = Object.keys(JOB_TYPE_REGISTRY) as [JobType, ...JobType[]];
export const SCHEDULABLE_JOB_TYPES = JOB_TYPES.filter((type) => JOB_TYPE_REGISTRY[type].schedulable) as [JobType, ...JobType[]];

export function jobType(type: JobType): JobTypeEntry & { type: JobType } {
  return { type, ...JOB_TYPE_REGISTRY[type] };
}
