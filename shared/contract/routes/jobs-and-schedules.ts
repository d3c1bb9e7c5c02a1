import { z } from 'zod';
import { SCHEDULABLE_JOB_TYPES, startJobBody } from '../../jobs/registry';
import type { RouteSpec } from '../route';
import { cursor, id, jobPage, jobSchema, pageLimit, scheduleSchema, schoolParams } from '../schemas';

const school = { schoolId: 'lincoln-ms' };

const scheduleExpression = z
  .string()
  .regex(/^(cron\([^()]{9,100}\)|rate\(\d{1,4} (minute|minutes|hour|hours|day|days)\)|at\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\))$/, 'must be cron(...), rate(...) or at(...)');

/** Bulk jobs and the schedules that start them (staff). */
export const jobsAndSchedulesRoutes = {
  'start-job': {
    method: 'POST', path: '/schools/{schoolId}/jobs', entry: 'functions/admin/start-job.ts', auth: 'staff',
    permissions: ['jobs:run'],
    request: {
      params: schoolParams,
      // One body per job type (its options from the registry), told apart by `type`.
      body: startJobBody({
        dryRun: z.boolean().default(false),
        idempotencyKey: z.string().regex(/^[\w-]{1,64}$/).optional(),
        // At most two decimals: a value such as 5e-324 is below the smallest number DynamoDB stores (1E-130)
        // and would fail the job's write; https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number
        toleratedFailurePercent: z
          .number()
          .min(0)
          .max(100)
          .refine((percent) => percent === Number(percent.toFixed(2)), 'at most two decimal places')
          .default(0),
      }),
    },
    response: { status: 202, schema: jobSchema, description: 'The job, running; follow it with GET …/jobs/{jobId}' },
    errors: [409],
    example: { params: school, body: { type: 'reset-codes', idempotencyKey: 'reset-all-2026-09' } },
    tables: { schools: ['GetItem'], parents: ['BatchGetItem'], jobs: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'], audit: ['PutItem'] },
    startsJobs: true,
    summary: 'Start a bulk job (Reset All, Clear All, set passwords, whole-school exports) or its dry-run preview',
    description:
      "Also needs the job type's own permission (codes:reset, links:remove, passwords:set or codes:export). " +
      'export-codes (CSV) and code-letters (PDF) release every code of the school, or of one `grade`, audited per student, into one file offered by GET …/jobs/{jobId}/file. ' +
      'A school runs at most MAX_RUNNING_JOBS_PER_SCHOOL jobs at once (default 2, previews included): past it, 409 JOB_LIMIT.',
  },
  'list-jobs': {
    method: 'GET', path: '/schools/{schoolId}/jobs', entry: 'functions/admin/list-jobs.ts', auth: 'staff',
    permissions: ['students:read'],
    request: { params: schoolParams, query: z.object({ limit: pageLimit, cursor }) },
    response: { status: 200, schema: jobPage, description: 'Jobs, newest first' },
    example: { params: school },
    tables: { schools: ['GetItem'], jobs: ['BatchGetItem', 'Query:byDistrictSchool'] },
    summary: "A school's jobs, newest first",
  },
  'get-job': {
    method: 'GET', path: '/schools/{schoolId}/jobs/{jobId}', entry: 'functions/admin/get-job.ts', auth: 'staff',
    permissions: ['students:read'],
    request: { params: z.object({ schoolId: id, jobId: id }) },
    response: { status: 200, schema: jobSchema, description: 'The job and its progress' },
    example: { params: { ...school, jobId: 'job1' } },
    tables: { schools: ['GetItem'], jobs: ['GetItem', 'BatchGetItem'] },
    summary: 'One job: status, total, processed, failed, effects, who started it, when it started and when its counts last moved',
  },
  'cancel-job': {
    method: 'POST', path: '/schools/{schoolId}/jobs/{jobId}/cancel', entry: 'functions/admin/cancel-job.ts', auth: 'staff',
    permissions: ['jobs:run'],
    request: { params: z.object({ schoolId: id, jobId: id }) },
    response: { status: 200, schema: jobSchema, description: 'The job, asked to stop: no further page starts' },
    errors: [409],
    example: { params: { ...school, jobId: 'job1' } },
    tables: { schools: ['GetItem'], jobs: ['GetItem', 'BatchGetItem', 'UpdateItem'], audit: ['PutItem'] },
    summary: 'Cancel a running job: no further batches start',
    description: "Also needs the job type's own permission (as starting it does).",
  },
  'put-schedule': {
    method: 'PUT', path: '/schools/{schoolId}/schedules/{name}', entry: 'functions/admin/put-schedule.ts', auth: 'staff',
    permissions: ['jobs:run'],
    request: {
      params: z.object({ schoolId: id, name: id }),
      body: z.strictObject({
        type: z.enum(SCHEDULABLE_JOB_TYPES),
        expression: scheduleExpression,
        timezone: z.string().regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/).default('UTC'),
      }),
    },
    response: { status: 200, schema: scheduleSchema, description: 'The schedule as saved' },
    example: { params: { ...school, name: 'reset-september' }, body: { type: 'reset-codes', expression: 'cron(0 5 1 9 ? *)', timezone: 'America/Chicago' } },
    tables: { schools: ['GetItem'], schedules: ['GetItem', 'PutItem'], audit: ['PutItem'] },
    managesSchedules: true,
    summary: 'Create or change a schedule that starts a job (EventBridge Scheduler); audited',
    description: "Also needs the job type's own permission and, when it replaces a schedule, that of the type the old one starts.",
  },
  'list-schedules': {
    method: 'GET', path: '/schools/{schoolId}/schedules', entry: 'functions/admin/list-schedules.ts', auth: 'staff',
    permissions: ['jobs:run'],
    request: { params: schoolParams },
    response: { status: 200, schema: z.object({ items: z.array(scheduleSchema) }), description: "The school's schedules" },
    example: { params: school },
    tables: { schools: ['GetItem'], schedules: ['Query'] },
    summary: "A school's schedules",
  },
  'delete-schedule': {
    method: 'DELETE', path: '/schools/{schoolId}/schedules/{name}', entry: 'functions/admin/delete-schedule.ts', auth: 'staff',
    permissions: ['jobs:run'],
    request: { params: z.object({ schoolId: id, name: id }) },
    response: { status: 200, schema: z.object({ deleted: z.literal(true) }), description: 'The schedule is gone' },
    example: { params: { ...school, name: 'sched1' } },
    tables: { schools: ['GetItem'], schedules: ['GetItem', 'DeleteItem'], audit: ['PutItem'] },
    managesSchedules: true,
    summary: 'Delete a schedule; audited',
    description: "Also needs the permission of the job type the schedule starts.",
  },
} as const satisfies Record<string, RouteSpec>;
