import { z } from 'zod';
import type { Permission } from '../domain/principal';
import { MAX_SELECTED_PARENTS_PER_JOB } from '../domain/limits';
import { id } from '../contract/schemas';

/**
 * Every bulk-job type, declared once: what starting one needs, whether a schedule may start it,
 * and the options a start request of that type may carry (a schema: the API's start-job body is
 * the union of these, so an option of another type is refused at the edge). Plain data and
 * schemas only, because the API contract (and so every function) reads it: what a type does
 * lives in types/ (loaded by work.ts, which only the job tasks and the start route import), the
 * files it makes in files/ (only the WriteFile task). One engine (engine.ts) runs any type listed
 * here; adding a type means an entry here, in work.ts, and its own file under types/.
 */

/** Export jobs: only the students of one grade. */
const grade = z.string().trim().min(1).max(16).optional().describe('Only this grade, as the roster writes it');

export const JOB_TYPE_REGISTRY = {
  /** Reset All: a new code for every student of the school. */
  'reset-codes': { label: 'Reset All', permission: 'codes:reset', schedulable: true, options: {} },
  /** Clear All: every parent link of every student of the school. */
  'clear-links': { label: 'Clear All', permission: 'links:remove', schedulable: true, options: {} },
  /**
   * Temporary passwords for the school's parents (or selected ones). Not schedulable: a schedule
   * runs with no person to hand random passwords to.
   */
  'set-passwords': {
    label: 'Set Passwords',
    permission: 'passwords:set',
    schedulable: false,
    options: {
      parentIds: z.array(id).min(1).max(MAX_SELECTED_PARENTS_PER_JOB).optional().describe('Only these parents (otherwise every parent the school rosters)'),
      confirmAccounts: z
        .number()
        .int()
        .min(0)
        .optional()
        .describe('How many accounts are in scope, as a preview (dryRun) of the same job counted (its total): required for the whole school; a job whose count differs changes nothing (CONFIRM_ACCOUNTS_MISMATCH)'),
    },
  },
  /**
   * The codes of the whole school (or a grade) as one CSV in the exports bucket, for a download
   * link. Not schedulable: a file of every code should be made when someone is there to take it.
   */
  'export-codes': { label: 'Export Codes', permission: 'codes:export', schedulable: false, makesFile: true, options: { grade } },
  /** Letters home for the whole school (or a grade), one PDF in the exports bucket. */
  'code-letters': { label: 'Letters Home', permission: 'codes:export', schedulable: false, makesFile: true, options: { grade } },
  /**
   * A OneRoster import of any size from uploaded files (POST …/roster/uploads first): checked
   * whole, then written in parallel chunks. Not schedulable: each run has its own upload.
   */
  'import-oneroster': {
    label: 'Roster Import',
    permission: 'roster:write',
    schedulable: false,
    options: {
      uploadId: z.string().uuid().describe('The upload from POST …/roster/uploads'),
      linkGuardians: z.boolean().optional().describe("Link each student to the guardians its agentSourcedIds name"),
    },
  },
  /**
   * The code lifecycle census: where every current code stands and which students have no
   * linked parent (listed in its file). Changes nothing; a schedule may run it nightly.
   */
  'code-census': { label: 'Code Census', permission: 'students:read', schedulable: true, makesFile: true, options: {} },
  /**
   * Invitations by mail to the guardians the SIS names for the school's students (or a grade's,
   * or the selected guardians). Not schedulable: inviting is a decision, made once.
   */
  'invite-guardians': {
    label: 'Invite Guardians',
    permission: 'guardians:invite',
    schedulable: false,
    options: {
      grade,
      parentIds: z.array(id).min(1).max(MAX_SELECTED_PARENTS_PER_JOB).optional().describe('Only these guardians (otherwise every guardian named for the school\'s students, or the grade\'s)'),
    },
  },
  /** Reminders for invitations that end within two days and had none: the scheduler runs it daily. */
  'remind-invitations': { label: 'Invitation Reminders', permission: 'guardians:invite', schedulable: true, options: {} },
} as const satisfies Record<string, JobTypeEntry>;

export interface JobTypeEntry {
  /** The job's name in words, as the console names it (refusals say "cancel this Reset All job"). */
  label: string;
  /** Needed to start, preview, schedule or cancel a job of this type (besides jobs:run). */
  permission: Permission;
  schedulable: boolean;
  /** Whether the job makes a file (offered for download when it succeeds). */
  makesFile?: boolean;
  /** What a start request of this type may add to the fields every request has; a schedule gives none. */
  options: z.ZodRawShape;
}

type Registry = typeof JOB_TYPE_REGISTRY;
export type JobType = keyof Registry;
export const JOB_TYPES = Object.keys(JOB_TYPE_REGISTRY) as [JobType, ...JobType[]];
export const SCHEDULABLE_JOB_TYPES = JOB_TYPES.filter((type) => JOB_TYPE_REGISTRY[type].schedulable) as [JobType, ...JobType[]];

export function jobType(type: JobType): JobTypeEntry & { type: JobType } {
  return { type, ...JOB_TYPE_REGISTRY[type] };
}

/** The options of a start request of type T, as parsed. */
export type StartOptions<T extends JobType = JobType> = { [K in T]: z.infer<z.ZodObject<Registry[K]['options']>> }[T];

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** Every option of every type, each optional: the engine's view of a job's options, whatever its type. */
export type JobOptions = Partial<UnionToIntersection<StartOptions>>;

/** One type's start request: the fields every request has, its `type`, and its own options (nothing else). */
type StartBody<Common extends z.ZodRawShape, T extends JobType> = z.ZodObject<{ type: z.ZodLiteral<T> } & Common & Registry[T]['options'], 'strict'>;
type StartBodies<Common extends z.ZodRawShape> = { [T in JobType]: StartBody<Common, T> }[JobType];

/**
 * The start-job body: one strict object per job type, told apart by `type` (an OpenAPI
 * `oneOf`), from the fields every request has (`common`, the route's) and each type's
 * `options`. An option of another type is an unknown field there: 400 at the edge.
 */
export function startJobBody<Common extends z.ZodRawShape>(common: Common) {
  const bodies = JOB_TYPES.map((type) => z.strictObject({ type: z.literal(type), ...common, ...JOB_TYPE_REGISTRY[type].options }));
  return z.discriminatedUnion('type', bodies as unknown as [StartBodies<Common>, ...StartBodies<Common>[]]);
}
