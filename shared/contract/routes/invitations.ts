import { z } from 'zod';
import type { RouteSpec } from '../route';
import { GUARDIAN_STATES, MAX_INVITES_PER_REQUEST } from '../../domain/invitations';
import { id, plainText, schoolParams, session, timestamp } from '../schemas';

const school = { schoolId: 'lincoln-ms' };
const guardianState = z.enum(GUARDIAN_STATES as [string, ...string[]]);
const token = z.string().min(1).max(512);
const linkBody = { district: id, school: id, token };
const linkExample = { district: 'springfield', school: 'lincoln-ms', token: 'cm9zYQ.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ' };

const guardianRow = z.object({
  parentId: id,
  firstName: z.string(),
  lastName: z.string(),
  hasEmail: z.boolean(),
  students: z.number().int().describe('Children the SIS names for this guardian here'),
  state: guardianState,
  invitedAt: timestamp.optional(),
  sentAt: timestamp.optional(),
  remindedAt: timestamp.optional(),
  expiresAt: timestamp.optional(),
  acceptedAt: timestamp.optional(),
});

const guardiansQuery = z.object({
  state: guardianState.optional(),
  studentId: id.optional().describe('Only the guardians the SIS names for this student'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Invitations by mail to the guardians the SIS names, their activation, and lost-code requests. */
export const invitationRoutes = {
  'invite-guardians': {
    method: 'POST', path: '/schools/{schoolId}/invitations', entry: 'functions/invitations/invite-guardians.ts', auth: 'staff',
    permissions: ['guardians:invite'],
    request: { params: schoolParams, body: z.strictObject({ parentIds: z.array(id).min(1).max(MAX_INVITES_PER_REQUEST) }) },
    response: {
      status: 200,
      schema: z.object({ invited: z.array(id), 'no-email': z.array(id), 'not-named': z.array(id), 'already-linked': z.array(id) }),
      description: 'Who was invited (a new link each: an earlier one stops working), and who was not and why',
    },
    example: { params: school, body: { parentIds: ['p1'] } },
    tables: { schools: ['GetItem'], guardians: ['GetItem', 'UpdateItem'], audit: ['PutItem'], outbox: ['PutItem'] },
    summary: 'Invite (or invite again) selected guardians by mail; a grade or the whole school is a bulk job (invite-guardians)',
  },
  'revoke-invitation': {
    method: 'DELETE', path: '/schools/{schoolId}/invitations/{parentId}', entry: 'functions/invitations/revoke-invitation.ts', auth: 'staff',
    permissions: ['guardians:invite'],
    request: { params: z.object({ schoolId: id, parentId: id }) },
    response: { status: 200, schema: z.object({ parentId: id, revoked: z.literal(true) }), description: 'The invitation and its links no longer work' },
    example: { params: { ...school, parentId: 'p1' } },
    tables: { schools: ['GetItem'], guardians: ['UpdateItem'], audit: ['PutItem'] },
    summary: "Revoke a guardian's open invitation; audited (400 when none is open)",
  },
  'list-guardians': {
    method: 'GET', path: '/schools/{schoolId}/guardians', entry: 'functions/invitations/list-guardians.ts', auth: 'staff',
    permissions: ['parents:read'],
    request: { params: schoolParams, query: guardiansQuery },
    response: {
      status: 200,
      schema: z.object({
        total: z.number().int(),
        counts: z.record(guardianState, z.number().int()).describe('Guardians per state, of the whole school (or the student)'),
        items: z.array(guardianRow),
        nextOffset: z.number().int().optional(),
      }),
      description: 'Guardians in name order with where their invitation stands',
    },
    example: { params: school, query: { state: 'sent' } },
    tables: { schools: ['GetItem'], guardians: ['Query'] },
    summary: 'The guardians the SIS names for the school, with counts per invitation state and a filter',
  },
  'guardians-csv': {
    method: 'GET', path: '/schools/{schoolId}/guardians/csv', entry: 'functions/invitations/guardians-csv.ts', auth: 'staff',
    permissions: ['parents:read'],
    request: { params: schoolParams, query: z.object({ state: guardianState.optional() }) },
    response: { status: 200, contentType: 'text/csv', description: 'Every guardian (or one state) as a spreadsheet-safe CSV: id, names, email on file, children, state, dates' },
    example: { params: school },
    tables: { schools: ['GetItem'], guardians: ['Query'] },
    summary: 'The invitation status of every guardian as a CSV',
  },
  'preview-invitation': {
    method: 'POST', path: '/auth/invitations/preview', entry: 'functions/invitations/preview-invitation.ts', auth: 'none',
    request: { body: z.strictObject(linkBody) },
    response: {
      status: 200,
      schema: z.object({
        school: z.string(),
        userName: z.string().describe('The user name the account signs in with'),
        expiresAt: timestamp,
        hasPassword: z.boolean().describe('Whether the account has a password already (accepting replaces it)'),
        students: z.array(z.object({ student: z.string().describe('Masked, as the code preview: "E*** S."'), grade: z.string().optional() })),
      }),
      description: 'Whose children the invitation links, masked, before the guardian confirms',
    },
    errors: [401, 429],
    example: { body: linkExample },
    tables: { schools: ['GetItem'], guardians: ['GetItem'], parents: ['GetItem'], students: ['BatchGetItem'], throttle: ['UpdateItem'] },
    throttle: { rate: 100, burst: 200 },
    usesClientAddress: true,
    summary: 'What an invitation link links: the school and the named children, masked (401 when used, replaced, revoked or expired)',
  },
  'accept-invitation': {
    method: 'POST', path: '/auth/invitations/accept', entry: 'functions/invitations/accept-invitation.ts', auth: 'none',
    request: {
      body: z.strictObject({
        ...linkBody,
        newPassword: z.string().min(1).max(1024).optional().describe('The guardian\'s own password; left out when a passkey is registered next'),
      }),
    },
    response: {
      status: 200,
      schema: session.extend({ userName: z.string(), linked: z.number().int().describe('Children linked now') }),
      description: 'The account is active, every named child linked, and a session opened',
    },
    errors: [401, 409, 429],
    example: { body: { ...linkExample, newPassword: 'a long and private passphrase' } },
    tables: {
      schools: ['GetItem'], guardians: ['GetItem', 'UpdateItem'], parents: ['GetItem', 'UpdateItem'], students: ['BatchGetItem', 'UpdateItem'],
      links: ['Query:byParent', 'PutItem'], audit: ['PutItem'], throttle: ['UpdateItem'],
    },
    parentTokenKey: 'sign',
    memorySize: 1769,
    throttle: { rate: 100, burst: 200 },
    usesClientAddress: true,
    summary: 'Accept an invitation: activate the account and link every named child at once; the link works once',
    description: 'The new password follows the rules of a first sign-in (400 WEAK_PASSWORD). Ends every earlier session of the account.',
  },
  'request-lost-code': {
    method: 'POST', path: '/auth/lost-code', entry: 'functions/invitations/request-lost-code.ts', auth: 'none',
    request: {
      body: z.strictObject({
        district: id,
        school: id,
        firstName: plainText(z.string().trim().min(1).max(100)),
        lastName: plainText(z.string().trim().min(1).max(100)),
        studentNumber: plainText(z.string().trim().min(1).max(32)),
      }),
    },
    response: { status: 202, schema: z.object({ accepted: z.literal(true), message: z.string() }), description: 'The same answer whatever matched; a match mails fresh invitations to the addresses on file only' },
    errors: [429],
    example: { body: { district: 'springfield', school: 'lincoln-ms', firstName: 'Emma', lastName: 'Santos', studentNumber: '1001' } },
    tables: {
      schools: ['GetItem'], students: ['Query:byStudentNumber', 'GetItem'], guardians: ['GetItem', 'Query', 'UpdateItem'], audit: ['PutItem'], outbox: ['PutItem'], throttle: ['UpdateItem'],
    },
    throttle: { rate: 100, burst: 200 },
    usesClientAddress: true,
    summary: '"I lost my letter": fresh invitations to the guardians on file for the student named, never to the requester',
    description: 'Limited per student and per address (429); audited (code.lost-requested) in the school\'s trail; a school may turn it off (lostCodeRequests: off), with the same answer.',
  },
} as const satisfies Record<string, RouteSpec>;
