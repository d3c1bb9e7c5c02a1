import { z } from 'zod';
import { PERMISSIONS } from '../domain/principal';
import { MAX_STUDENTS_PER_CALL } from '../domain/limits';
import { forbiddenCharacter, forbiddenCharacterMessage } from '../domain/plain-text';

/*
 * The building blocks of the API contract: request fields and response bodies. Routes compose
 * them (routes.ts); the OpenAPI document is generated from them (openapi.ts).
 */

/**
 * Text a person typed or an SIS sent that we store and show (names, user names, reasons, a
 * letter): no control characters, no bidi overrides (domain/plain-text.ts); a 400 names the field.
 * Multi-line text (a letter) keeps tab and line breaks.
 */
export const plainText = <T extends z.ZodString>(schema: T, options: { multiline?: boolean } = {}) =>
  schema.superRefine((value, context) => {
    const found = forbiddenCharacter(value, options);
    if (found) context.addIssue({ code: z.ZodIssueCode.custom, message: forbiddenCharacterMessage(found) });
  });

/** Ids are short and free of our key separator; anything else is refused at the edge. */
export const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "-" or "_"');
export const reason = plainText(z.string().trim().min(1).max(500), { multiline: true }).optional();
export const studentIdList = z.array(id).min(1).max(MAX_STUDENTS_PER_CALL);
export const pageLimit = z.coerce.number().int().min(1).max(100).default(25);
export const cursor = z.string().max(2048).optional();
export const schoolParams = z.object({ schoolId: id });
export const timestamp = z.string().datetime({ offset: false });
const personName = z.string();

/**
 * Every action the audit trail records, one list: the trail's `action` filter takes these only
 * (400 otherwise), so a console can offer them as a pick list, and `writeAuditEvents` (with
 * every other audit write) is typed by it. Events already stored keep whatever code they were
 * written with.
 */
export const AUDIT_ACTIONS = [
  'code.reset', 'code.viewed', 'code.exported', 'code.previewed', 'code.lost-requested',
  'link.created', 'link.removed', 'case.opened', 'case.resolved',
  'student.created', 'student.updated',
  // parent.looked-up is written no more (a search is one parents.searched event); older trails hold it.
  'parent.upserted', 'parent.looked-up', 'parents.searched',
  'parent.password-set', 'parent.password-changed', 'parent.password-reset', 'parent.recovery-requested',
  'parent.sign-in', 'parent.signed-out', 'parent.locked', 'parent.unlocked', 'parent.passkey-added', 'parent.passkey-removed',
  'guardian.named', 'guardian.invited', 'guardian.reminded', 'guardian.invitation-accepted', 'guardian.invitation-revoked',
  'job.started', 'job.finished', 'job.cancelled', 'job.interrupted', 'job.refused', 'job.file-linked',
  'schedule.saved', 'schedule.deleted', 'school.created', 'school.updated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const auditAction = z.enum(AUDIT_ACTIONS);

/** Filters and paging of an audit trail (school or district). */
export const auditQuery = z.object({
  studentId: id.optional(),
  parentId: id.optional(),
  actorId: z.string().min(1).max(128).optional(),
  action: auditAction.optional().describe('One of the audit actions (AUDIT_ACTIONS)'),
  from: timestamp.optional(),
  to: timestamp.optional(),
  limit: pageLimit,
  cursor,
});

/** The setting of one parent's password must be confirmed, as the article's OK dialog does. */
export const confirmed = (what: string) => z.literal(true, { errorMap: () => ({ message: `${what} must be confirmed with "confirm": true` }) });

// ---- Responses -------------------------------------------------------------------------------

/** Every refusal of ours; API Gateway's own (401 from the authorizer, 413, 503) are `{ message }`. */
export const errorBody = z.object({
  error: z.object({
    code: z.string().regex(/^[A-Z_]+$/),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export const gatewayErrorBody = z.object({ message: z.string() });

const paged = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().optional() });

export const actor = z.object({ type: z.enum(['staff', 'parent', 'scheduler', 'system']), id: z.string() });
export const accountStateSchema = z.enum(['never-signed-in', 'active', 'must-change-password', 'locked']);

export const studentRow = z.object({
  studentId: id,
  firstName: personName,
  lastName: personName,
  studentNumber: z.string(),
  grade: z.string().optional(),
  homeroom: z.string().optional(),
  code: z
    .string()
    .optional()
    .describe('The current access code, grouped for reading (XXXX-XXXX-XXXX). Only for callers holding codes:read (each such page is audited as code.viewed); absent otherwise'),
  codeIssuedAt: timestamp.optional(),
  codeExpiresAt: timestamp.optional(),
  flag: z
    .object({
      at: timestamp,
      parentId: id.describe('The parent who reported it'),
      firstName: personName.optional().describe("That parent's first name (absent if the parent no longer exists)"),
      lastName: personName.optional().describe("That parent's last name"),
      reason: z.string().optional().describe("The parent's own note from the portal (at most 500 characters), when they wrote one"),
    })
    .optional()
    .describe('A parent reported "not my child" (the link is already gone); cleared by the wrong-link fix'),
  parents: z.array(z.object({ parentId: id, firstName: personName.optional(), lastName: personName.optional(), linkedAt: timestamp })),
});
export const studentPage = paged(studentRow).extend({
  total: z
    .number()
    .int()
    .optional()
    .describe(
      "How many: on a listing's first page (no cursor), the school's students (absent past ~50,000); on a search, the matches found (a lower bound when `more` is true). Absent on later pages",
    ),
  more: z
    .boolean()
    .describe('A listing: another page follows (`nextCursor`). A search: more matched than shown, or the search stopped at its read bound; type more of the name to narrow it (a search has no cursor)'),
});

export const issuedCode = z.object({ studentId: id, code: z.string(), expiresAt: timestamp.optional() });

export const parentRow = z.object({
  parentId: id,
  firstName: personName,
  lastName: personName,
  userName: z.string(),
  email: z.string().optional(),
  accountState: accountStateSchema,
  lastSignInAt: timestamp.optional(),
  temporaryPasswordExpiresAt: timestamp.optional(),
  students: z.array(z.object({ studentId: id, firstName: personName, lastName: personName })),
  managed: z.boolean().describe('Whether the caller may set this parent\'s password or unlock the account: the school rosters the parent, or the caller is district-wide staff'),
  matchedBy: z
    .enum(['name', 'student', 'email', 'userName'])
    .describe("How the search found this parent: their own name, a child of this school (by name or student number: see matchedStudent), their email, or their user name"),
  matchedStudent: z
    .object({ studentId: id, firstName: personName, lastName: personName })
    .optional()
    .describe('For matchedBy "student": the child the search named (linked to the parent, or named as a guardian by the roster)'),
});

/** The answer of a parent search. */
export const parentSearchResult = z.object({
  items: z.array(parentRow).describe('In order: user name, email, student number, the parent\'s own name, a child\'s name (each in name order); at most `limit`'),
  more: z.boolean().describe('More may match than are shown (more than `limit`, or the search stopped at one of its bounds): type more of the name'),
});

export const passwordSet = z.object({
  parentId: id,
  userName: z.string(),
  policy: z.enum(['default', 'random']),
  expiresAt: timestamp,
  temporaryPassword: z.string().optional().describe('Only under the random policy: hand it to the parent'),
});

export const auditEvent = z.object({
  eventId: z.string(),
  schoolId: id.optional(),
  districtId: id.optional(),
  action: z.string(),
  actor,
  at: timestamp,
  studentId: id.optional(),
  parentId: id.optional(),
  reason: z.string().optional(),
  details: z.record(z.union([z.string(), z.number(), z.boolean()])).optional(),
  // Names, read when the page is read (never stored in the event); a person who is gone shows the id.
  actorName: z.string().describe("Who acted, in words: a parent's name, a schedule's name; staff and anyone not found by their id"),
  studentName: z.string().optional().describe("The student's first and last name (the id if the student is gone); with studentId"),
  parentName: z.string().optional().describe("The parent's first and last name (the id if the parent is gone); with parentId"),
});
export const auditPage = paged(auditEvent);

export const jobSchema = z.object({
  jobId: z.string(),
  type: z.string(),
  schoolId: id,
  districtId: id,
  dryRun: z.boolean(),
  status: z.enum(['RUNNING', 'CANCELLING', 'SUCCEEDED', 'FAILED', 'CANCELLED']),
  actor,
  startedByName: z.string().describe("Who started it, in words: the staff member's name (else email, else id), or the schedule's name"),
  createdAt: timestamp,
  startedAt: timestamp.describe('When the job started (registered); with updatedAt and processed/total, its rate and an estimate'),
  updatedAt: timestamp.optional().describe('When its last page committed (its counts last moved); absent before the first'),
  finishedAt: timestamp.optional(),
  toleratedFailurePercent: z.number(),
  total: z.number().int().optional().describe('Items in scope, counted when the job is planned'),
  processed: z.number().int(),
  failed: z.number().int(),
  effects: z.number().int().describe('Codes reset, links removed or passwords set (or, in a preview, that would be)'),
  abandonedSegments: z.number().int(),
  pages: z.number().int(),
  cancelRequested: z.boolean().optional(),
  selected: z.number().int().optional(),
  grade: z.string().optional().describe('Export jobs narrowed to one grade'),
  problem: z
    .object({ code: z.string(), message: z.string(), details: z.unknown().optional() })
    .optional()
    .describe('Why the job was refused as a whole (an import whose files have problems: details lists them by file, line and column); nothing was written'),
  uploadId: z.string().optional(),
  tally: z.record(z.number().int()).optional().describe('A census job: how many students are in each state'),
  file: z
    .object({ name: z.string(), contentType: z.string(), bytes: z.number().int(), rows: z.number().int() })
    .optional()
    .describe('The file an export job made, once it succeeded: fetch it through GET …/jobs/{jobId}/file'),
});

export const jobFileLink = z.object({
  url: z.string().url().describe('A presigned S3 GET of the file; it works for a few minutes only'),
  name: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  expiresAt: timestamp,
});
export const jobPage = paged(jobSchema);

export const scheduleSchema = z.object({
  schoolId: id,
  name: id,
  type: z.string(),
  expression: z.string(),
  timezone: z.string(),
  updatedAt: timestamp,
});

export const session = z.object({
  token: z.string().describe('A parent bearer token (RS256)'),
  expiresIn: z.number().int().describe('Seconds'),
  deviceToken: z.string().optional().describe('Lets this device sign in while the account is locked by guessing from elsewhere'),
});
export const signInAnswer = z.union([
  session,
  z.object({ challenge: z.literal('NEW_PASSWORD_REQUIRED'), session: z.string(), expiresIn: z.number().int() }),
]);

export const myStudent = z.object({ schoolId: id, studentId: id, firstName: personName, lastName: personName, linkedAt: timestamp });

export const permission = z.enum(PERMISSIONS);

export const schoolSchema = z.object({
  schoolId: id,
  districtId: id,
  name: z.string(),
  codeTtlDays: z.number().int().optional().describe('New codes expire this many days after they are issued'),
  passwordPolicy: z.enum(['default', 'random']).optional().describe('Staff-set passwords: last name + first initial, or random'),
  letterText: z.string().optional(),
  contactLine: z.string().optional(),
  invitationDays: z.number().int().optional().describe('Days an invitation link works (default 14)'),
  invitationText: z.string().optional().describe("The school's own words in invitation mails"),
  lostCodeRequests: z.enum(['on', 'off']).optional().describe('Whether parents may ask for a lost code from the sign-in page (default on)'),
  updatedAt: timestamp.optional(),
});
