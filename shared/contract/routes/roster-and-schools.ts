import { z } from 'zod';
import { MAX_ROSTER_RECORDS, MAX_UPLOAD_FILE_BYTES } from '../../domain/limits';
import type { RouteSpec } from '../route';
import { timestamp, id, plainText, schoolParams, schoolSchema } from '../schemas';

const school = { schoolId: 'lincoln-ms' };

const name = plainText(z.string().trim().min(1).max(100));

const rosterBody = z
  .strictObject({
    students: z
      .array(
        z.strictObject({
          studentId: id,
          firstName: name,
          lastName: name,
          studentNumber: plainText(z.string().trim().min(1).max(32)),
          grade: plainText(z.string().trim().min(1).max(16)).optional().describe('As the SIS writes it: "7", "K", "12"'),
          homeroom: plainText(z.string().trim().min(1).max(32)).optional(),
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
          userName: plainText(z.string().trim().min(3).max(64)),
          email: plainText(z.string().email().max(254)).optional(),
          studentIds: z.array(id).max(20).optional().describe('The children the SIS names for this guardian at this school, for invitations (left out: kept as they are)'),
        }),
      )
      .max(MAX_ROSTER_RECORDS)
      .default([]),
  })
  .refine((r) => r.students.length + r.parents.length <= MAX_ROSTER_RECORDS, `At most ${MAX_ROSTER_RECORDS} records per call`)
  .refine((r) => new Set(r.students.map((s) => s.studentId)).size === r.students.length, 'Student ids must be unique')
  .refine((r) => new Set(r.parents.map((p) => p.parentId)).size === r.parents.length, 'Parent ids must be unique');

/** Rosters from the SIS and the district's schools (staff). */
export const rosterAndSchoolsRoutes = {
  'roster-uploads': {
    method: 'POST', path: '/schools/{schoolId}/roster/uploads', entry: 'functions/admin/roster-uploads.ts', auth: 'staff',
    permissions: ['roster:write'],
    request: {
      params: schoolParams,
      body: z.strictObject({
        files: z
          .array(
            z.strictObject({
              name: z.enum(['users.csv', 'orgs.csv', 'enrollments.csv']),
              bytes: z.number().int().min(1).max(MAX_UPLOAD_FILE_BYTES).describe('The file\'s exact size: the link admits this many bytes and no other'),
            }),
          )
          .min(1)
          .max(3)
          .refine((files) => files.some((f) => f.name === 'users.csv'), 'users.csv is needed')
          .refine((files) => new Set(files.map((f) => f.name)).size === files.length, 'each file once'),
      }),
    },
    response: {
      status: 200,
      schema: z.object({
        uploadId: z.string().uuid(),
        files: z.array(
          z.object({
            name: z.string(),
            url: z.string().url().describe('PUT the file here (a presigned S3 URL), with exactly the declared size'),
            headers: z.object({ 'content-type': z.literal('text/csv') }).describe('Send these headers with the PUT (they are signed)'),
          }),
        ),
        expiresAt: timestamp,
      }),
      description: 'Where to PUT each file (for 15 minutes); then start POST …/jobs {"type":"import-oneroster","uploadId"}',
    },
    example: { params: school, body: { files: [{ name: 'users.csv', bytes: 18_400_000 }, { name: 'orgs.csv', bytes: 2_100 }, { name: 'enrollments.csv', bytes: 9_700_000 }] } },
    tables: { schools: ['GetItem'] },
    writesUploads: true,
    summary: 'Upload links for a OneRoster export of any size, imported by an import-oneroster job',
    description: 'For files over the direct import\'s 1,000 records; each file at most 50 MB. The job checks the whole upload first (problems by file, line and column, nothing written) and shows its progress.',
  },
  'upsert-roster': {
    method: 'PUT', path: '/schools/{schoolId}/roster', entry: 'functions/admin/upsert-roster.ts', auth: 'staff',
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
    tables: { schools: ['GetItem'], students: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'], codes: ['PutItem'], parents: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], guardians: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], audit: ['PutItem'], outbox: ['PutItem'] },
    usesCodePepper: true,
    codeVault: 'seal',
    summary: 'Upsert students and parents in bulk (idempotent)',
    description: 'Only parents this school already rosters may be updated, unless the caller is district-wide.',
  },
  'import-oneroster': {
    method: 'POST', path: '/schools/{schoolId}/roster/oneroster', entry: 'functions/admin/import-oneroster.ts', auth: 'staff',
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
    tables: { schools: ['GetItem'], students: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'], codes: ['PutItem'], parents: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], links: ['PutItem'], guardians: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], audit: ['PutItem'], outbox: ['PutItem'] },
    usesCodePepper: true,
    codeVault: 'seal',
    memorySize: 1769,
    summary: 'Import OneRoster CSV files (users, orgs, enrollments): students, guardians and, optionally, their links',
    description:
      'The whole upload is checked first; problems come back as 400 ROSTER_FILE_INVALID with file, line and column, and nothing is written. Same tenancy rules as the roster route.',
  },
  'put-school': {
    method: 'PUT', path: '/districts/{districtId}/schools/{schoolId}', entry: 'functions/admin/put-school.ts', auth: 'staff',
    permissions: ['schools:write'],
    request: {
      params: z.object({ districtId: id, schoolId: id }),
      body: z.strictObject({
        name,
        codeTtlDays: z.number().int().min(1).max(3650).optional(),
        passwordPolicy: z.enum(['default', 'random']).optional(),
        letterText: plainText(z.string().trim().min(1).max(2000), { multiline: true }).optional(),
        contactLine: plainText(z.string().trim().min(1).max(200)).optional(),
        invitationDays: z.number().int().min(1).max(30).optional().describe('Days an invitation link works (default 14)'),
        invitationText: plainText(z.string().trim().min(1).max(1000), { multiline: true }).optional(),
        lostCodeRequests: z.enum(['on', 'off']).optional(),
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
    tables: { schools: ['GetItem', 'PutItem'], audit: ['PutItem'] },
    summary: "Create a school or replace its settings (name, code expiry, password policy, letter text, contact line); audited",
    description: "District-wide staff only. A setting left out is removed. School ids are the district's own: another district's school of the same id is another school.",
  },
  'import-oneroster-schools': {
    method: 'POST', path: '/districts/{districtId}/oneroster/orgs', entry: 'functions/admin/import-oneroster-schools.ts', auth: 'staff',
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
    tables: { schools: ['GetItem', 'PutItem'], audit: ['PutItem'] },
    summary: "Create or rename a district's schools from OneRoster orgs.csv; checked whole (problems by line and column), audited per school",
    description: 'Orgs of type school become schools with their sourcedId as the id; other settings of an existing school are kept. 400 ROSTER_FILE_INVALID lists every problem, and nothing is written.',
  },
  'list-schools': {
    method: 'GET', path: '/districts/{districtId}/schools', entry: 'functions/admin/list-schools.ts', auth: 'staff',
    permissions: ['students:read'],
    // The console names the schools in its picker for everyone; school staff get their own schools only.
    schoolStaffToo: true,
    request: { params: z.object({ districtId: id }) },
    response: { status: 200, schema: z.object({ items: z.array(schoolSchema) }), description: "The district's schools, by name" },
    example: { params: { districtId: 'springfield' } },
    tables: { schools: ['Query:byDistrict'] },
    summary: "The district's schools and their settings: every school for district-wide staff, their own schools for school staff",
  },
} as const satisfies Record<string, RouteSpec>;
