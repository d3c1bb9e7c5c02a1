import { z } from 'zod';
import { JOB_TYPES, SCHEDULABLE_JOB_TYPES } from '../jobs/registry';
import { MAX_LETTERS_PER_CALL, MAX_PASSWORDS_PER_CALL, MAX_ROSTER_RECORDS, MAX_SELECTED_PARENTS_PER_JOB } from '../domain/limits';
import type { RouteDefinition, RouteSpec } from './route';
import {
  auditPage, auditQuery, confirmed, timestamp, cursor, id, issuedCode, jobFileLink, jobPage, jobSchema, myStudent, pageLimit, parentRow, passwordSet,
  reason, scheduleSchema, schoolParams, schoolSchema, signInAnswer, session, studentIdList, studentPage,
} from './schemas';

const name = z.string().trim().min(1).max(100);

const rosterBody = z
  .strictObject({
    students: z
      .array(
        z.strictObject({
          studentId: id,
          firstName: name,
          lastName: name,
          studentNumber: z.string().trim().min(1).max(32),
          grade: z.string().trim().min(1).max(16).optional().describe('As the SIS writes it: "7", "K", "12"'),
          homeroom: z.string().trim().min(1).max(32).optional(),
        }),
      )
      .max(MAX_ROSTER_RECORDS)
      .default([]),
    parents: z
      .array(
        z.strictObject({
          parentId: id,
          firstName: name,
          lastName: name,
          userName: z.string().trim().min(3).max(64),
          email: z.string().email().max(254).optional(),
        }),
      )
      .max(MAX_ROSTER_RECORDS)
      .default([]),
  })
  .refine((r) => r.students.length + r.parents.length <= MAX_ROSTER_RECORDS, `At most ${MAX_ROSTER_RECORDS} records per call`)
  .refine((r) => new Set(r.students.map((s) => s.studentId)).size === r.students.length, 'Student ids must be unique')
  .refine((r) => new Set(r.parents.map((p) => p.parentId)).size === r.parents.length, 'Parent ids must be unique');

const scheduleExpression = z
  .string()
  .regex(/^(cron\([^()]{9,100}\)|rate\(\d{1,4} (minute|minutes|hour|hours|day|days)\)|at\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\))$/, 'must be cron(...), rate(...) or at(...)');

const school = { schoolId: 'lincoln-ms' };

/** What every route that takes an access code from a parent shares: each call is a guess. */
const codeGuess = {
  auth: 'parent',
  tags: ['Parent portal'],
  request: { body: z.strictObject({ code: z.string().min(1).max(64) }) },
  errors: [409, 429],
  example: { body: { code: 'ABCD-EFGH-JKMN' } },
  usesCodePepper: true,
  throttle: { rate: 20, burst: 40 },
  usesClientAddress: true,
} as const;

/**
 * Every HTTP route, declared once: the contract and what it needs to run. Keys are the route ids
 * (function name stems). Order matters only for the documentation.
 */
export const ROUTE_TABLE = {
  // ---- Students, codes and links (staff) ----
  'list-students': {
    method: 'GET', path: '/schools/{schoolId}/students', entry: 'functions/admin/list-students.ts', auth: 'staff', tags: ['Students'],
    permissions: ['students:read'],
    request: { params: schoolParams, query: z.object({ q: z.string().trim().min(1).max(100).optional().describe('A student number, or the start of a last name'), limit: pageLimit, cursor }) },
    response: { status: 200, schema: studentPage, description: 'A page of students with their current code and linked parents' },
    example: { params: school, query: { q: 'Abb', limit: '25' } },
    tables: { schools: 'read', students: 'read', links: 'read', parents: 'read' },
    codeVault: 'open',
    summary: 'List or search students with their current code and linked parents',
  },
  'remove-link': {
    method: 'DELETE', path: '/schools/{schoolId}/students/{studentId}/parents/{parentId}', entry: 'functions/admin/remove-link.ts', auth: 'staff', tags: ['Links'],
    permissions: ['links:remove'],
    request: { params: z.object({ schoolId: id, studentId: id, parentId: id }), query: z.object({ reason }) },
    response: { status: 200, schema: z.object({ studentId: id, parentId: id, removed: z.literal(true) }), description: 'The link is gone' },
    example: { params: { ...school, studentId: 'st1', parentId: 'p1' }, query: { reason: 'custody order' } },
    tables: { schools: 'read', students: 'write', links: 'write', audit: 'append', outbox: 'write' },
    summary: 'Remove one parent/student link',
  },
  'clear-links': {
    method: 'POST', path: '/schools/{schoolId}/links/clear', entry: 'functions/admin/clear-links.ts', auth: 'staff', tags: ['Links'],
    permissions: ['links:remove'],
    request: { params: schoolParams, body: z.strictObject({ studentIds: studentIdList, reason }) },
    response: {
      status: 200,
      schema: z.object({ students: z.array(z.object({ studentId: id, linksRemoved: z.number().int() })), linksRemoved: z.number().int() }),
      description: 'Links removed, per student and in all',
    },
    errors: [409],
    example: { params: school, body: { studentIds: ['st1'], reason: 'new school year' } },
    tables: { schools: 'read', students: 'read', links: 'write', audit: 'append', outbox: 'write' },
    summary: 'Clear every parent link of selected students',
  },
  'reset-codes': {
    method: 'POST', path: '/schools/{schoolId}/codes/reset', entry: 'functions/admin/reset-codes.ts', auth: 'staff', tags: ['Codes'],
    permissions: ['codes:reset'],
    request: { params: schoolParams, body: z.strictObject({ studentIds: studentIdList, reason }) },
    response: { status: 200, schema: z.object({ reset: z.number().int(), students: z.array(issuedCode) }), description: 'The new codes, to redistribute' },
    errors: [409],
    example: { params: school, body: { studentIds: ['st1'] } },
    tables: { schools: 'read', students: 'write', codes: 'write', audit: 'append' },
    usesCodePepper: true,
    codeVault: 'seal',
    summary: 'Reset the codes of one or selected students',
  },
  'export-codes': {
    method: 'POST', path: '/schools/{schoolId}/codes/export', entry: 'functions/admin/export-codes.ts', auth: 'staff', tags: ['Codes'],
    permissions: ['codes:export'],
    request: { params: schoolParams, body: z.strictObject({ studentIds: studentIdList }) },
    response: {
      status: 200,
      contentType: 'text/csv',
      description: 'A CSV (UTF-8 with BOM, CRLF): last name, first name, student number, grade, homeroom, code, issued at, expires at; cells a spreadsheet would run as formulas start with an apostrophe',
    },
    example: { params: school, body: { studentIds: ['st1', 'st2'] } },
    tables: { schools: 'read', students: 'write', audit: 'append' },
    codeVault: 'open',
    summary: 'The codes of selected students as a spreadsheet-safe CSV, for a mail merge; each export is audited',
  },
  'code-letters': {
    method: 'POST', path: '/schools/{schoolId}/codes/letters', entry: 'functions/admin/code-letters.ts', auth: 'staff', tags: ['Codes'],
    permissions: ['codes:export'],
    request: { params: schoolParams, body: z.strictObject({ studentIds: z.array(id).min(1).max(MAX_LETTERS_PER_CALL, `At most ${MAX_LETTERS_PER_CALL} letters per call`) }) },
    response: {
      status: 200,
      contentType: 'application/pdf',
      description: "A PDF, one page per student in name order: the school's name, the student (grade, homeroom), the code, its expiry, the school's letter text (or how to link in the portal) and contact line",
    },
    example: { params: school, body: { studentIds: ['st1', 'st2'] } },
    tables: { schools: 'read', students: 'write', audit: 'append' },
    codeVault: 'open',
    bundledFiles: 'letter-fonts',
    memorySize: 1769,
    summary: 'Letters home with the codes of selected students, as a PDF; each letter is audited',
  },
  'code-lifecycle': {
    method: 'GET', path: '/schools/{schoolId}/codes/lifecycle', entry: 'functions/admin/code-lifecycle.ts', auth: 'staff', tags: ['Codes'],
    permissions: ['students:read'],
    request: { params: schoolParams, query: z.object({ days: z.coerce.number().int().min(1).max(90).default(14) }) },
    response: {
      status: 200,
      schema: z.object({
        census: jobSchema.optional().describe("The latest finished census (a code-census job): its tally and, as its file, the students with no linked parent"),
        running: jobSchema.optional().describe('A census still running'),
        failedGuesses: z.array(z.object({ day: z.string().describe('UTC day, YYYY-MM-DD'), count: z.number().int() })).describe('Failed code guesses by parents this school rosters, by day, oldest first'),
      }),
      description: 'Where the codes stand, and failed guesses by day',
    },
    example: { params: school, query: { days: '14' } },
    tables: { schools: 'read', jobs: 'read', throttle: 'read' },
    summary: "The code lifecycle: the latest census's counts (exported, redeemed, never redeemed, expired, students without a parent) and failed guesses by day",
    description: 'Start a census with POST …/jobs {"type":"code-census"} (a schedule may run it nightly); this view reads one page of jobs and one batch of day counters, whatever the school\'s size.',
  },
  'fix-wrong-link': {
    method: 'POST', path: '/schools/{schoolId}/students/{studentId}/wrong-link-fix', entry: 'functions/admin/fix-wrong-link.ts', auth: 'staff', tags: ['Links'],
    permissions: ['links:remove', 'codes:reset'],
    request: { params: z.object({ schoolId: id, studentId: id }), body: z.strictObject({ parentId: id, reason: z.string().trim().min(1).max(500) }) },
    response: {
      status: 200,
      schema: z.object({ studentId: id, parentId: id, linkRemoved: z.literal(true), code: z.string(), expiresAt: z.string().optional() }),
      description: 'The wrong link is gone and the student has a new code',
    },
    errors: [409],
    example: { params: { ...school, studentId: 'st1' }, body: { parentId: 'p1', reason: 'parent reported not my child' } },
    tables: { schools: 'read', students: 'write', codes: 'write', links: 'write', audit: 'append', outbox: 'write' },
    usesCodePepper: true,
    codeVault: 'seal',
    summary: 'Remove a wrong link, reset the code and record the case, in one step',
    description: 'After the parent\'s own "not my child" report (which already removed the link), it resets the code and closes that report.',
  },
  'roster-uploads': {
    method: 'POST', path: '/schools/{schoolId}/roster/uploads', entry: 'functions/admin/roster-uploads.ts', auth: 'staff', tags: ['Roster'],
    permissions: ['roster:write'],
    request: {
      params: schoolParams,
      body: z.strictObject({
        files: z
          .array(z.enum(['users.csv', 'orgs.csv', 'enrollments.csv']))
          .min(1)
          .max(3)
          .refine((files) => files.includes('users.csv'), 'users.csv is needed')
          .refine((files) => new Set(files).size === files.length, 'each file once'),
      }),
    },
    response: {
      status: 200,
      schema: z.object({
        uploadId: z.string().uuid(),
        files: z.array(z.object({ name: z.string(), url: z.string().url().describe('PUT the file here (a presigned S3 URL)') })),
        expiresAt: timestamp,
      }),
      description: 'Where to PUT each file (for 15 minutes); then start POST …/jobs {"type":"import-oneroster","uploadId"}',
    },
    example: { params: school, body: { files: ['users.csv', 'orgs.csv', 'enrollments.csv'] } },
    tables: { schools: 'read' },
    writesUploads: true,
    summary: 'Upload links for a OneRoster export of any size, imported by an import-oneroster job',
    description: 'For files over the direct import\'s 1,000 records; each file at most 50 MB. The job checks the whole upload first (problems by file, line and column, nothing written) and shows its progress.',
  },
  'upsert-roster': {
    method: 'PUT', path: '/schools/{schoolId}/roster', entry: 'functions/admin/upsert-roster.ts', auth: 'staff', tags: ['Roster'],
    permissions: ['roster:write'],
    request: { params: schoolParams, body: rosterBody },
    response: {
      status: 200,
      schema: z.object({
        students: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
        parents: z.object({ written: z.number().int(), unchanged: z.number().int() }),
      }),
      description: 'What changed',
    },
    errors: [409],
    example: {
      params: school,
      body: {
        students: [{ studentId: 'new1', firstName: 'Elena', lastName: 'Santos', studentNumber: '700123', grade: '7', homeroom: '7B' }],
        parents: [{ parentId: 'newp1', firstName: 'Rosa', lastName: 'Santos', userName: 'rsantos', email: 'rosa@example.org' }],
      },
    },
    tables: { schools: 'read', students: 'write', codes: 'write', parents: 'write', audit: 'append', outbox: 'append' },
    usesCodePepper: true,
    codeVault: 'seal',
    summary: 'Upsert students and parents in bulk (idempotent)',
    description: 'Only parents this school already rosters may be updated, unless the caller is district-wide.',
  },
  'import-oneroster': {
    method: 'POST', path: '/schools/{schoolId}/roster/oneroster', entry: 'functions/admin/import-oneroster.ts', auth: 'staff', tags: ['Roster'],
    permissions: ['roster:write'],
    request: {
      params: schoolParams,
      body: z.strictObject({
        files: z.strictObject({
          'users.csv': z.string().min(1).max(4_000_000),
          'orgs.csv': z.string().max(1_000_000).optional(),
          'enrollments.csv': z.string().max(4_000_000).optional(),
        }),
        linkGuardians: z.boolean().default(false).describe('Link each student to the guardians its agentSourcedIds name'),
      }),
    },
    response: {
      status: 200,
      schema: z.object({
        students: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
        parents: z.object({ written: z.number().int(), unchanged: z.number().int() }),
        links: z.object({ created: z.number().int(), existing: z.number().int() }),
        skipped: z.object({ users: z.number().int().describe('Other schools, other roles, or marked tobedeleted') }),
      }),
      description: 'What changed; importing the same files again changes nothing',
    },
    errors: [409],
    example: {
      params: school,
      body: {
        files: {
          'orgs.csv': 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\nlincoln-ms,active,2026-08-01T00:00:00Z,Lincoln Middle School,school,LMS,springfield\r\n',
          'users.csv':
            'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\r\n' +
            'stu-1,active,,true,lincoln-ms,student,esantos,,Elena,Santos,,700123,,,,gdn-1,07,\r\n' +
            'gdn-1,active,,true,lincoln-ms,guardian,rsantos,,Rosa,Santos,,,rosa@example.org,,,,,\r\n',
        },
        linkGuardians: true,
      },
    },
    tables: { schools: 'read', students: 'write', codes: 'write', parents: 'write', links: 'write', audit: 'append', outbox: 'append' },
    usesCodePepper: true,
    codeVault: 'seal',
    memorySize: 1769,
    summary: 'Import OneRoster CSV files (users, orgs, enrollments): students, guardians and, optionally, their links',
    description:
      'The whole upload is checked first; problems come back as 400 ROSTER_FILE_INVALID with file, line and column, and nothing is written. Same tenancy rules as the roster route.',
  },

  // ---- Parent accounts (staff) ----
  'find-parents': {
    method: 'GET', path: '/schools/{schoolId}/parents', entry: 'functions/admin/find-parents.ts', auth: 'staff', tags: ['Parent accounts'],
    permissions: ['parents:read'],
    request: {
      params: schoolParams,
      query: z.object({
        by: z.enum(['name', 'student', 'email', 'userName']).default('name'),
        q: z.string().trim().min(1).max(254),
        limit: z.coerce.number().int().min(1).max(50).default(10),
      }),
    },
    response: { status: 200, schema: z.object({ items: z.array(parentRow) }), description: 'Matching parents this school may see' },
    example: { params: school, query: { by: 'name', q: 'Family1' } },
    tables: { schools: 'read', parents: 'read', students: 'read', links: 'read', audit: 'append' },
    summary: 'Find a parent (user name, linked students, account state); each look-up is audited',
  },
  'set-parent-password': {
    method: 'POST', path: '/schools/{schoolId}/parents/{parentId}/password', entry: 'functions/admin/set-parent-password.ts', auth: 'staff', tags: ['Parent accounts'],
    permissions: ['passwords:set'],
    request: { params: z.object({ schoolId: id, parentId: id }), body: z.strictObject({ confirm: confirmed('Setting a password') }) },
    response: { status: 200, schema: passwordSet, description: 'The temporary password scheme and its expiry; the parent must change it at the next sign-in' },
    errors: [409, 422, 503],
    example: { params: { ...school, parentId: 'p1' }, body: { confirm: true } },
    tables: { schools: 'read', parents: 'write', links: 'read', audit: 'append', outbox: 'write' },
    memorySize: 1769,
    summary: "Set one parent's password to a temporary default (confirmed)",
  },
  'set-parent-passwords': {
    method: 'POST', path: '/schools/{schoolId}/parents/passwords', entry: 'functions/admin/set-parent-passwords.ts', auth: 'staff', tags: ['Parent accounts'],
    permissions: ['passwords:set'],
    request: {
      params: schoolParams,
      body: z.strictObject({
        parentIds: z.array(id).min(1).max(MAX_PASSWORDS_PER_CALL, `At most ${MAX_PASSWORDS_PER_CALL} parents per call; use a bulk job for more`),
        confirm: confirmed('Setting passwords'),
      }),
    },
    response: { status: 200, schema: z.object({ parents: z.array(passwordSet) }), description: 'One entry per parent; all or nothing' },
    errors: [409, 422, 503],
    example: { params: school, body: { parentIds: ['p1'], confirm: true } },
    tables: { schools: 'read', parents: 'write', links: 'read', audit: 'append', outbox: 'write' },
    memorySize: 1769,
    summary: `Set the passwords of selected parents (up to ${MAX_PASSWORDS_PER_CALL}) to temporary defaults`,
  },
  'unlock-parent': {
    method: 'POST', path: '/schools/{schoolId}/parents/{parentId}/unlock', entry: 'functions/admin/unlock-parent.ts', auth: 'staff', tags: ['Parent accounts'],
    permissions: ['passwords:set'],
    request: { params: z.object({ schoolId: id, parentId: id }) },
    response: { status: 200, schema: z.object({ parentId: id, accountState: z.string() }), description: 'The account can sign in again' },
    example: { params: { ...school, parentId: 'p1' } },
    tables: { schools: 'read', parents: 'write', links: 'read', audit: 'append' },
    summary: 'Unlock a parent account locked by failed sign-ins',
  },

  // ---- Audit (staff) ----
  'list-audit': {
    method: 'GET', path: '/schools/{schoolId}/audit', entry: 'functions/admin/list-audit.ts', auth: 'staff', tags: ['Audit'],
    permissions: ['audit:read'],
    request: { params: schoolParams, query: auditQuery },
    response: { status: 200, schema: auditPage, description: 'Events, newest first' },
    example: { params: school, query: { action: 'code.reset', limit: '50' } },
    tables: { schools: 'read', audit: 'read' },
    summary: 'Read the audit trail, filtered by student, parent, actor, action and time',
  },
  'list-district-audit': {
    method: 'GET', path: '/districts/{districtId}/audit', entry: 'functions/admin/list-district-audit.ts', auth: 'staff', tags: ['Audit'],
    permissions: ['audit:read'],
    request: { params: z.object({ districtId: id }), query: auditQuery },
    response: { status: 200, schema: auditPage, description: 'Events, newest first' },
    example: { params: { districtId: 'springfield' }, query: { parentId: 'p1' } },
    tables: { audit: 'read' },
    summary: "Read the district's trail of parent account events (sign-ins, locks, password changes); district-wide staff only",
  },

  // ---- Schools (district-wide staff) ----
  'put-school': {
    method: 'PUT', path: '/districts/{districtId}/schools/{schoolId}', entry: 'functions/admin/put-school.ts', auth: 'staff', tags: ['Schools'],
    permissions: ['schools:write'],
    request: {
      params: z.object({ districtId: id, schoolId: id }),
      body: z.strictObject({
        name: z.string().trim().min(1).max(100),
        codeTtlDays: z.number().int().min(1).max(3650).optional(),
        passwordPolicy: z.enum(['default', 'random']).optional(),
        letterText: z.string().trim().min(1).max(2000).optional(),
        contactLine: z.string().trim().min(1).max(200).optional(),
      }),
    },
    response: {
      status: 200,
      schema: z.object({ school: schoolSchema, created: z.boolean(), changed: z.array(z.string()) }),
      description: 'The school as saved, whether it was new, and which settings changed (none: nothing was written)',
    },
    example: {
      params: { districtId: 'springfield', schoolId: 'lincoln-ms' },
      body: { name: 'Lincoln Middle School', codeTtlDays: 365, passwordPolicy: 'default', contactLine: 'Front office: 555-0100' },
    },
    tables: { schools: 'write', audit: 'append' },
    summary: "Create a school or replace its settings (name, code expiry, password policy, letter text, contact line); audited",
    description: 'District-wide staff only. A setting left out is removed. An id used by another district is not found.',
  },
  'import-oneroster-schools': {
    method: 'POST', path: '/districts/{districtId}/oneroster/orgs', entry: 'functions/admin/import-oneroster-schools.ts', auth: 'staff', tags: ['Schools', 'Roster'],
    permissions: ['schools:write'],
    request: {
      params: z.object({ districtId: id }),
      body: z.strictObject({ files: z.strictObject({ 'orgs.csv': z.string().min(1).max(1_000_000) }) }),
    },
    response: {
      status: 200,
      schema: z.object({
        schools: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
        skipped: z.object({ orgs: z.number().int().describe('Orgs that are not schools, or marked tobedeleted') }),
      }),
      description: 'What changed; importing the same file again changes nothing',
    },
    example: {
      params: { districtId: 'springfield' },
      body: { files: { 'orgs.csv': 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\nlincoln-ms,active,2026-08-01,Lincoln Middle School,school,LMS,springfield\r\n' } },
    },
    tables: { schools: 'write', audit: 'append' },
    summary: "Create or rename a district's schools from OneRoster orgs.csv; checked whole (problems by line and column), audited per school",
    description: 'Orgs of type school become schools with their sourcedId as the id; other settings of an existing school are kept. 400 ROSTER_FILE_INVALID lists every problem, and nothing is written.',
  },
  'list-schools': {
    method: 'GET', path: '/districts/{districtId}/schools', entry: 'functions/admin/list-schools.ts', auth: 'staff', tags: ['Schools'],
    permissions: ['students:read'],
    request: { params: z.object({ districtId: id }) },
    response: { status: 200, schema: z.object({ items: z.array(schoolSchema) }), description: "The district's schools, by name" },
    example: { params: { districtId: 'springfield' } },
    tables: { schools: 'read' },
    summary: "The district's schools and their settings; district-wide staff only",
  },

  // ---- Bulk jobs and schedules (staff) ----
  'start-job': {
    method: 'POST', path: '/schools/{schoolId}/jobs', entry: 'functions/admin/start-job.ts', auth: 'staff', tags: ['Jobs'],
    permissions: ['jobs:run'],
    request: {
      params: schoolParams,
      body: z.strictObject({
        type: z.enum(JOB_TYPES),
        dryRun: z.boolean().default(false),
        parentIds: z.array(id).min(1).max(MAX_SELECTED_PARENTS_PER_JOB).optional(),
        idempotencyKey: z.string().regex(/^[\w-]{1,64}$/).optional(),
        toleratedFailurePercent: z.number().min(0).max(100).default(0),
        grade: z.string().trim().min(1).max(16).optional().describe('Export jobs (export-codes, code-letters): only this grade, as the roster writes it'),
        uploadId: z.string().uuid().optional().describe('import-oneroster: the upload from POST …/roster/uploads'),
        linkGuardians: z.boolean().optional().describe('import-oneroster: link each student to the guardians its agentSourcedIds name'),
      }),
    },
    response: { status: 202, schema: jobSchema, description: 'The job, running; follow it with GET …/jobs/{jobId}' },
    errors: [409],
    example: { params: school, body: { type: 'reset-codes', idempotencyKey: 'reset-all-2026-09' } },
    tables: { schools: 'read', parents: 'read', links: 'read', jobs: 'write', audit: 'append' },
    startsJobs: true,
    summary: 'Start a bulk job (Reset All, Clear All, set passwords, whole-school exports) or its dry-run preview',
    description:
      "Also needs the job type's own permission (codes:reset, links:remove, passwords:set or codes:export). " +
      'export-codes (CSV) and code-letters (PDF) release every code of the school, or of one `grade`, audited per student, into one file offered by GET …/jobs/{jobId}/file.',
  },
  'get-job-file': {
    method: 'GET', path: '/schools/{schoolId}/jobs/{jobId}/file', entry: 'functions/admin/get-job-file.ts', auth: 'staff', tags: ['Jobs', 'Codes'],
    permissions: ['students:read'],
    request: { params: z.object({ schoolId: id, jobId: id }) },
    response: { status: 200, schema: jobFileLink, description: 'A short-lived download link of the file' },
    errors: [409],
    example: { params: { ...school, jobId: 'job1' } },
    tables: { schools: 'read', jobs: 'read', audit: 'append' },
    readsExports: true,
    summary: "A download link for the file a job made (an export, a census); every link handed out is audited",
    description: "Also needs the job type's own permission (codes:export for a file of codes). The link is a presigned S3 GET that works for EXPORT_LINK_SECONDS (5 minutes by default). 409 JOB_FILE_NOT_READY while the job runs, or when it made no file (a preview, a failure, a cancel).",
  },
  'list-jobs': {
    method: 'GET', path: '/schools/{schoolId}/jobs', entry: 'functions/admin/list-jobs.ts', auth: 'staff', tags: ['Jobs'],
    permissions: ['students:read'],
    request: { params: schoolParams, query: z.object({ limit: pageLimit, cursor }) },
    response: { status: 200, schema: jobPage, description: 'Jobs, newest first' },
    example: { params: school },
    tables: { schools: 'read', jobs: 'read' },
    summary: "A school's jobs, newest first",
  },
  'get-job': {
    method: 'GET', path: '/schools/{schoolId}/jobs/{jobId}', entry: 'functions/admin/get-job.ts', auth: 'staff', tags: ['Jobs'],
    permissions: ['students:read'],
    request: { params: z.object({ schoolId: id, jobId: id }) },
    response: { status: 200, schema: jobSchema, description: 'The job and its progress' },
    example: { params: { ...school, jobId: 'job1' } },
    tables: { schools: 'read', jobs: 'read' },
    summary: 'One job: status, total, processed, failed, effects',
  },
  'cancel-job': {
    method: 'POST', path: '/schools/{schoolId}/jobs/{jobId}/cancel', entry: 'functions/admin/cancel-job.ts', auth: 'staff', tags: ['Jobs'],
    permissions: ['jobs:run'],
    request: { params: z.object({ schoolId: id, jobId: id }) },
    response: { status: 200, schema: jobSchema, description: 'The job, asked to stop: no further page starts' },
    errors: [409],
    example: { params: { ...school, jobId: 'job1' } },
    tables: { schools: 'read', jobs: 'write', audit: 'append' },
    summary: 'Cancel a running job: no further batches start',
  },
  'put-schedule': {
    method: 'PUT', path: '/schools/{schoolId}/schedules/{name}', entry: 'functions/admin/put-schedule.ts', auth: 'staff', tags: ['Jobs'],
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
    tables: { schools: 'read', schedules: 'write', audit: 'append' },
    managesSchedules: true,
    summary: 'Create or change a schedule that starts a job (EventBridge Scheduler); audited',
    description: "Also needs the job type's own permission.",
  },
  'list-schedules': {
    method: 'GET', path: '/schools/{schoolId}/schedules', entry: 'functions/admin/list-schedules.ts', auth: 'staff', tags: ['Jobs'],
    permissions: ['jobs:run'],
    request: { params: schoolParams },
    response: { status: 200, schema: z.object({ items: z.array(scheduleSchema) }), description: "The school's schedules" },
    example: { params: school },
    tables: { schools: 'read', schedules: 'read' },
    summary: "A school's schedules",
  },
  'delete-schedule': {
    method: 'DELETE', path: '/schools/{schoolId}/schedules/{name}', entry: 'functions/admin/delete-schedule.ts', auth: 'staff', tags: ['Jobs'],
    permissions: ['jobs:run'],
    request: { params: z.object({ schoolId: id, name: id }) },
    response: { status: 200, schema: z.object({ deleted: z.literal(true) }), description: 'The schedule is gone' },
    example: { params: { ...school, name: 'sched1' } },
    tables: { schools: 'read', schedules: 'write', audit: 'append' },
    managesSchedules: true,
    summary: 'Delete a schedule; audited',
  },

  // ---- Parent portal ----
  'redeem-code': {
    ...codeGuess,
    method: 'POST', path: '/me/links', entry: 'functions/parent/redeem-code.ts',
    response: {
      status: 201,
      schema: z.object({ schoolId: id, studentId: id, alreadyLinked: z.boolean() }),
      description: 'Linked (201), or already linked (200)',
    },
    tables: { schools: 'read', codes: 'read', students: 'read', parents: 'read', links: 'write', audit: 'append', outbox: 'write', throttle: 'write' },
    summary: "Redeem a student's access code to link to that student",
  },
  'preview-code': {
    ...codeGuess,
    method: 'POST', path: '/me/links/preview', entry: 'functions/parent/preview-code.ts',
    response: {
      status: 200,
      schema: z.object({
        student: z.string().describe('Masked: first letter of each name, e.g. "E*** S."'),
        grade: z.string().optional().describe('The grade the roster gives, so a parent can tell two children apart'),
        school: z.string(),
      }),
      description: 'Whose child the code belongs to, masked, so the parent can confirm before linking',
    },
    tables: { schools: 'read', codes: 'read', students: 'read', parents: 'read', audit: 'append', throttle: 'write' },
    summary: '"Is this your child?": the masked student and school of a code, before redeeming it; counts as a guess',
  },
  'list-my-students': {
    method: 'GET', path: '/me/students', entry: 'functions/parent/list-my-students.ts', auth: 'parent', tags: ['Parent portal'],
    response: { status: 200, schema: z.object({ students: z.array(myStudent) }), description: 'My linked children' },
    tables: { parents: 'read', links: 'read', students: 'read' },
    summary: 'The students linked to the calling parent',
  },
  'unlink-student': {
    method: 'DELETE', path: '/me/students/{schoolId}/{studentId}', entry: 'functions/parent/unlink-student.ts', auth: 'parent', tags: ['Parent portal'],
    request: { params: z.object({ schoolId: id, studentId: id }), query: z.object({ reason }) },
    response: { status: 200, schema: z.object({ schoolId: id, studentId: id, removed: z.literal(true) }), description: 'My link is gone' },
    example: { params: { ...school, studentId: 'st1' } },
    tables: { schools: 'read', students: 'write', parents: 'read', links: 'write', audit: 'append', outbox: 'write' },
    summary: 'Remove my own link to a student ("I added the wrong child")',
  },
  'report-not-my-child': {
    method: 'POST', path: '/me/students/{schoolId}/{studentId}/not-my-child', entry: 'functions/parent/report-not-my-child.ts', auth: 'parent', tags: ['Parent portal'],
    request: { params: z.object({ schoolId: id, studentId: id }), body: z.strictObject({ reason }) },
    response: {
      status: 200,
      schema: z.object({ schoolId: id, studentId: id, removed: z.literal(true), reported: z.literal(true) }),
      description: 'My link is gone and staff see a flag on the student',
    },
    example: { params: { ...school, studentId: 'st1' }, body: { reason: 'I do not know this child' } },
    tables: { schools: 'read', parents: 'read', students: 'write', links: 'write', audit: 'append', outbox: 'write' },
    summary: '"This is not my child": remove my link, flag the student for staff, open a case',
  },

  // ---- Parent sign-in ----
  'sign-in': {
    method: 'POST', path: '/auth/sign-in', entry: 'functions/auth/sign-in.ts', auth: 'none', tags: ['Parent sign-in'],
    request: {
      body: z.strictObject({
        district: id,
        userName: z.string().min(1).max(64),
        password: z.string().min(1).max(1024),
        deviceToken: z.string().min(1).max(4096).optional(),
      }),
    },
    response: { status: 200, schema: signInAnswer, description: 'A session, or a NEW_PASSWORD_REQUIRED challenge' },
    errors: [401, 429],
    example: { body: { district: 'springfield', userName: 'rsantos', password: 'correct horse battery staple' } },
    tables: { parents: 'write', audit: 'append', throttle: 'write' },
    parentTokenKey: 'sign',
    memorySize: 1769,
    throttle: { rate: 10, burst: 20 },
    usesClientAddress: true,
    summary: 'Parent sign-in: a session token, or a NEW_PASSWORD_REQUIRED challenge',
  },
  'new-password': {
    method: 'POST', path: '/auth/new-password', entry: 'functions/auth/new-password.ts', auth: 'none', tags: ['Parent sign-in'],
    request: { body: z.strictObject({ session: z.string().min(1).max(4096), newPassword: z.string().min(1).max(1024) }) },
    response: { status: 200, schema: session, description: 'A session with the new password' },
    errors: [401, 429],
    example: { body: { session: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln', newPassword: 'a long and private passphrase' } },
    tables: { parents: 'write', audit: 'append' },
    parentTokenKey: 'sign',
    memorySize: 1769,
    throttle: { rate: 5, burst: 10 },
    summary: "Answer the challenge with the parent's own new password",
  },
  'sign-out': {
    method: 'POST', path: '/auth/sign-out', entry: 'functions/auth/sign-out.ts', auth: 'parent', tags: ['Parent sign-in'],
    response: { status: 200, schema: z.object({ signedOut: z.literal(true) }), description: 'Every session of the account has ended' },
    tables: { parents: 'write', audit: 'append' },
    summary: 'End every session of my account',
  },

  // ---- Public documents ----
  jwks: {
    method: 'GET', path: '/.well-known/jwks.json', entry: 'functions/auth/jwks.ts', auth: 'none', tags: ['Discovery'],
    response: { status: 200, schema: z.object({ keys: z.array(z.object({ kty: z.literal('RSA'), kid: z.string(), n: z.string(), e: z.string() }).passthrough()) }), description: 'JSON Web Key Set' },
    tables: {},
    parentTokenKey: 'verify',
    summary: 'Public key set for parent tokens',
  },
  'openid-configuration': {
    method: 'GET', path: '/.well-known/openid-configuration', entry: 'functions/auth/openid-configuration.ts', auth: 'none', tags: ['Discovery'],
    response: { status: 200, schema: z.object({ issuer: z.string().describe("The API's URL in AWS"), jwks_uri: z.string() }), description: 'OpenID discovery document' },
    tables: {},
    summary: 'Discovery document for the parent-token issuer',
  },
  openapi: {
    method: 'GET', path: '/openapi.json', entry: 'functions/docs/openapi.ts', auth: 'none', tags: ['Discovery'],
    response: { status: 200, schema: z.object({ openapi: z.string() }).passthrough(), description: 'This document' },
    tables: {},
    summary: 'The OpenAPI 3.1 description of this API',
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteTable = typeof ROUTE_TABLE;
export type RouteId = keyof RouteTable;

export const ROUTES: readonly RouteDefinition[] = Object.entries(ROUTE_TABLE).map(([routeId, spec]) => ({ id: routeId, ...(spec as RouteSpec) }));

export function routeById(routeId: string): RouteDefinition {
  const route = ROUTES.find((r) => r.id === routeId);
  if (!route) throw new Error(`No route ${routeId} in the route table`);
  return route;
}

/** API Gateway's routeKey is "METHOD /path". */
export function routeByKey(routeKey: string): RouteDefinition | undefined {
  return ROUTES.find((r) => `${r.method} ${r.path}` === routeKey);
}
