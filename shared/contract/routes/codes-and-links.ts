import { z } from 'zod';
import type { RouteSpec } from '../route';
import { cursor, id, issuedCode, jobSchema, pageLimit, plainText, reason, schoolParams, studentIdList, studentPage } from '../schemas';

const school = { schoolId: 'lincoln-ms' };

/** Students, their access codes and their parent links (staff): the reset article's Parents/Advisors tab. */
export const codesAndLinksRoutes = {
  'list-students': {
    method: 'GET', path: '/schools/{schoolId}/students', entry: 'functions/admin/list-students.ts', auth: 'staff',
    permissions: ['students:read'],
    request: {
      params: schoolParams,
      query: z.object({
        q: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .optional()
          .describe(
            'A search: an exact student number, else up to 4 words of a name in any order, each the start of a word of the first or last name ("Giulia", "giu abb", "Abbiatici, Giulia" = last, first); case and accents ignored. Answers the first `limit` matches in name order, with no cursor',
          ),
        limit: pageLimit,
        cursor: cursor.describe('From the previous page of a listing (not with q)'),
        order: z.enum(['asc', 'desc']).default('asc').describe('Name order (last name, first name): asc A→Z, desc Z→A'),
      }),
    },
    response: { status: 200, schema: studentPage, description: 'A page of students with their linked parents, and their current codes for callers holding codes:read' },
    example: { params: school, query: { q: 'Giulia Abb', limit: '25' } },
    tables: { schools: ['GetItem'], students: ['BatchGetItem', 'Query:byDistrictSchool', 'Query:byFirstName', 'Query:byStudentNumber'], parents: ['BatchGetItem'], audit: ['PutItem'] },
    // Opened only for callers holding codes:read; the audit put records each page shown with codes.
    codeVault: 'open',
    summary: 'List or search students with their linked parents and, with codes:read, their current codes',
    description:
      'A listing pages by nextCursor and, on its first page, counts the school (total). A search (q) answers at most limit matches, total found and more. ' +
      'Without codes:read no row has a code (the field is absent). With it, each page shown with codes writes one code.viewed audit event naming its students before the page is returned.',
  },
  'remove-link': {
    method: 'DELETE', path: '/schools/{schoolId}/students/{studentId}/parents/{parentId}', entry: 'functions/admin/remove-link.ts', auth: 'staff',
    permissions: ['links:remove'],
    request: { params: z.object({ schoolId: id, studentId: id, parentId: id }), query: z.object({ reason }) },
    response: { status: 200, schema: z.object({ studentId: id, parentId: id, removed: z.literal(true) }), description: 'The link is gone' },
    example: { params: { ...school, studentId: 'st1', parentId: 'p1' }, query: { reason: 'custody order' } },
    tables: { schools: ['GetItem'], students: ['UpdateItem'], links: ['DeleteItem'], audit: ['PutItem'], outbox: ['PutItem'] },
    summary: 'Remove one parent/student link',
  },
  'clear-links': {
    method: 'POST', path: '/schools/{schoolId}/links/clear', entry: 'functions/admin/clear-links.ts', auth: 'staff',
    permissions: ['links:remove'],
    request: { params: schoolParams, body: z.strictObject({ studentIds: studentIdList, reason }) },
    response: {
      status: 200,
      schema: z.object({ students: z.array(z.object({ studentId: id, linksRemoved: z.number().int() })), linksRemoved: z.number().int() }),
      description: 'Links removed, per student and in all',
    },
    errors: [409],
    example: { params: school, body: { studentIds: ['st1'], reason: 'new school year' } },
    tables: { schools: ['GetItem'], students: ['BatchGetItem', 'UpdateItem'], links: ['Query', 'DeleteItem'], audit: ['PutItem'], outbox: ['PutItem'] },
    summary: 'Clear every parent link of selected students',
  },
  'reset-codes': {
    method: 'POST', path: '/schools/{schoolId}/codes/reset', entry: 'functions/admin/reset-codes.ts', auth: 'staff',
    permissions: ['codes:reset'],
    request: { params: schoolParams, body: z.strictObject({ studentIds: studentIdList, reason }) },
    response: { status: 200, schema: z.object({ reset: z.number().int(), students: z.array(issuedCode) }), description: 'The new codes, to redistribute' },
    errors: [409],
    example: { params: school, body: { studentIds: ['st1'] } },
    tables: { schools: ['GetItem'], students: ['GetItem', 'BatchGetItem', 'UpdateItem'], codes: ['PutItem', 'DeleteItem'], audit: ['PutItem'] },
    usesCodePepper: true,
    codeVault: 'seal',
    summary: 'Reset the codes of one or selected students',
  },
  'fix-wrong-link': {
    method: 'POST', path: '/schools/{schoolId}/students/{studentId}/wrong-link-fix', entry: 'functions/admin/fix-wrong-link.ts', auth: 'staff',
    permissions: ['links:remove', 'codes:reset'],
    request: { params: z.object({ schoolId: id, studentId: id }), body: z.strictObject({ parentId: id, reason: plainText(z.string().trim().min(1).max(500), { multiline: true }) }) },
    response: {
      status: 200,
      schema: z.object({ studentId: id, parentId: id, linkRemoved: z.literal(true), code: z.string(), expiresAt: z.string().optional() }),
      description: 'The wrong link is gone and the student has a new code',
    },
    errors: [409],
    example: { params: { ...school, studentId: 'st1' }, body: { parentId: 'p1', reason: 'parent reported not my child' } },
    tables: { schools: ['GetItem'], students: ['GetItem', 'UpdateItem'], codes: ['PutItem', 'DeleteItem'], links: ['DeleteItem'], audit: ['PutItem'], outbox: ['PutItem'] },
    usesCodePepper: true,
    codeVault: 'seal',
    summary: 'Remove a wrong link, reset the code and record the case, in one step',
    description: 'After the parent\'s own "not my child" report (which already removed the link), it resets the code and closes that report.',
  },
  'code-lifecycle': {
    method: 'GET', path: '/schools/{schoolId}/codes/lifecycle', entry: 'functions/admin/code-lifecycle.ts', auth: 'staff',
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
    tables: { schools: ['GetItem'], jobs: ['BatchGetItem', 'Query:byDistrictSchool'], throttle: ['BatchGetItem'] },
    summary: "The code lifecycle: the latest census's counts (exported, redeemed, never redeemed, expired, students without a parent) and failed guesses by day",
    description: 'Start a census with POST …/jobs {"type":"code-census"} (a schedule may run it nightly); this view reads one page of jobs and one batch of day counters, whatever the school\'s size.',
  },
} as const satisfies Record<string, RouteSpec>;
