import { z } from 'zod';
import { MAX_LETTERS_PER_CALL } from '../../domain/limits';
import type { RouteSpec } from '../route';
import { id, jobFileLink, schoolParams, studentIdList } from '../schemas';

const school = { schoolId: 'lincoln-ms' };

/** Codes leaving the system (staff): CSV and letters of selected students, and the files whole-school jobs make. */
export const exportsAndLettersRoutes = {
  'export-codes': {
    method: 'POST', path: '/schools/{schoolId}/codes/export', entry: 'functions/admin/export-codes.ts', auth: 'staff',
    permissions: ['codes:export'],
    request: { params: schoolParams, body: z.strictObject({ studentIds: studentIdList }) },
    response: {
      status: 200,
      contentType: 'text/csv',
      description: 'A CSV (UTF-8 with BOM, CRLF): last name, first name, student number, grade, homeroom, code, issued at, expires at; cells a spreadsheet would run as formulas start with an apostrophe',
    },
    example: { params: school, body: { studentIds: ['st1', 'st2'] } },
    tables: { schools: ['GetItem'], students: ['BatchGetItem', 'UpdateItem'], audit: ['PutItem'] },
    codeVault: 'open',
    summary: 'The codes of selected students as a spreadsheet-safe CSV, for a mail merge; each export is audited',
  },
  'code-letters': {
    method: 'POST', path: '/schools/{schoolId}/codes/letters', entry: 'functions/admin/code-letters.ts', auth: 'staff',
    permissions: ['codes:export'],
    request: { params: schoolParams, body: z.strictObject({ studentIds: z.array(id).min(1).max(MAX_LETTERS_PER_CALL, `At most ${MAX_LETTERS_PER_CALL} letters per call`) }) },
    response: {
      status: 200,
      contentType: 'application/pdf',
      description: "A PDF, one page per student in name order: the school's name, the student (grade, homeroom), the code, its expiry, the school's letter text (or how to link in the portal) and contact line",
    },
    example: { params: school, body: { studentIds: ['st1', 'st2'] } },
    usesPortalUrl: true,
    tables: { schools: ['GetItem'], students: ['BatchGetItem', 'UpdateItem'], audit: ['PutItem'] },
    codeVault: 'open',
    bundledFiles: 'letter-fonts',
    memorySize: 1769,
    summary: 'Letters home with the codes of selected students, as a PDF; each letter is audited',
  },
  'get-job-file': {
    method: 'GET', path: '/schools/{schoolId}/jobs/{jobId}/file', entry: 'functions/admin/get-job-file.ts', auth: 'staff',
    permissions: ['students:read'],
    request: { params: z.object({ schoolId: id, jobId: id }) },
    response: { status: 200, schema: jobFileLink, description: 'A short-lived download link of the file' },
    errors: [409],
    example: { params: { ...school, jobId: 'job1' } },
    tables: { schools: ['GetItem'], jobs: ['GetItem', 'BatchGetItem'], audit: ['PutItem'] },
    readsExports: true,
    summary: "A download link for the file a job made (an export, a census); every link handed out is audited",
    description: "Also needs the job type's own permission (codes:export for a file of codes). The link is a presigned S3 GET that works for EXPORT_LINK_SECONDS (5 minutes by default). 409 JOB_FILE_NOT_READY while the job runs, or when it made no file (a preview, a failure, a cancel).",
  },
} as const satisfies Record<string, RouteSpec>;
