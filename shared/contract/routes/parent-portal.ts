import { z } from 'zod';
import type { RouteSpec } from '../route';
import { id, myStudent, reason, signInAnswer, session } from '../schemas';

const school = { schoolId: 'lincoln-ms' };

const recoveryAccepted = z.object({ accepted: z.literal(true), message: z.string() });

/** What every route that takes an access code from a parent shares: each call is a guess. */
const codeGuess = {
  auth: 'parent',
  request: { body: z.strictObject({ code: z.string().min(1).max(64) }) },
  errors: [409, 429],
  example: { body: { code: 'ABCD-EFGH-JKMN' } },
  usesCodePepper: true,
  throttle: { rate: 300, burst: 600 },
  usesClientAddress: true,
} as const;

/** What parents call: linking by code, their children, sign-in; and the public documents (keys, discovery, OpenAPI). */
export const parentPortalRoutes = {
  'redeem-code': {
    ...codeGuess,
    method: 'POST', path: '/me/links', entry: 'functions/parent/redeem-code.ts',
    response: {
      status: 201,
      schema: z.object({ schoolId: id, studentId: id, alreadyLinked: z.boolean() }),
      description: 'Linked (201), or already linked (200)',
    },
    tables: { schools: ['GetItem'], codes: ['GetItem'], students: ['UpdateItem'], parents: ['GetItem'], links: ['PutItem'], audit: ['PutItem'], outbox: ['PutItem'], throttle: ['UpdateItem'] },
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
    tables: { schools: ['GetItem'], codes: ['GetItem'], students: ['GetItem'], parents: ['GetItem'], audit: ['PutItem'], throttle: ['UpdateItem'] },
    summary: '"Is this your child?": the masked student and school of a code, before redeeming it; counts as a guess',
    description: 'A first look by this parent at this student on a UTC day gives its guess back and is audited (code.previewed); a repeat that day, or a look at a student already linked to the parent, answers the same but keeps its guess and writes no event.',
  },
  'list-my-students': {
    method: 'GET', path: '/me/students', entry: 'functions/parent/list-my-students.ts', auth: 'parent',
    response: { status: 200, schema: z.object({ students: z.array(myStudent) }), description: 'My linked children' },
    tables: { parents: ['GetItem'], links: ['Query:byParent'], students: ['BatchGetItem'] },
    summary: 'The students linked to the calling parent',
  },
  'unlink-student': {
    method: 'DELETE', path: '/me/students/{schoolId}/{studentId}', entry: 'functions/parent/unlink-student.ts', auth: 'parent',
    request: { params: z.object({ schoolId: id, studentId: id }), query: z.object({ reason }) },
    response: { status: 200, schema: z.object({ schoolId: id, studentId: id, removed: z.literal(true) }), description: 'My link is gone' },
    example: { params: { ...school, studentId: 'st1' } },
    tables: { schools: ['GetItem'], students: ['UpdateItem'], parents: ['GetItem'], links: ['DeleteItem'], audit: ['PutItem'], outbox: ['PutItem'] },
    summary: 'Remove my own link to a student ("I added the wrong child")',
  },
  'report-not-my-child': {
    method: 'POST', path: '/me/students/{schoolId}/{studentId}/not-my-child', entry: 'functions/parent/report-not-my-child.ts', auth: 'parent',
    request: { params: z.object({ schoolId: id, studentId: id }), body: z.strictObject({ reason }) },
    response: {
      status: 200,
      schema: z.object({ schoolId: id, studentId: id, removed: z.literal(true), reported: z.literal(true) }),
      description: 'My link is gone and staff see a flag on the student',
    },
    example: { params: { ...school, studentId: 'st1' }, body: { reason: 'I do not know this child' } },
    tables: { schools: ['GetItem'], parents: ['GetItem'], students: ['UpdateItem'], links: ['DeleteItem'], audit: ['PutItem'], outbox: ['PutItem'] },
    summary: '"This is not my child": remove my link, flag the student for staff, open a case',
  },
  'sign-in': {
    method: 'POST', path: '/auth/sign-in', entry: 'functions/auth/sign-in.ts', auth: 'none',
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
    tables: { parents: ['GetItem', 'UpdateItem'], audit: ['PutItem'], throttle: ['UpdateItem'] },
    parentTokenKey: 'sign',
    memorySize: 1769,
    throttle: { rate: 300, burst: 600 },
    usesClientAddress: true,
    summary: 'Parent sign-in: a session token, or a NEW_PASSWORD_REQUIRED challenge',
  },
  'new-password': {
    method: 'POST', path: '/auth/new-password', entry: 'functions/auth/new-password.ts', auth: 'none',
    request: { body: z.strictObject({ session: z.string().min(1).max(4096), newPassword: z.string().min(1).max(1024) }) },
    response: { status: 200, schema: session, description: 'A session with the new password' },
    errors: [401, 429],
    example: { body: { session: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln', newPassword: 'a long and private passphrase' } },
    tables: { parents: ['GetItem', 'UpdateItem'], audit: ['PutItem'] },
    parentTokenKey: 'sign',
    memorySize: 1769,
    throttle: { rate: 100, burst: 200 },
    summary: "Answer the challenge with the parent's own new password",
  },
  'recover-user-name': {
    method: 'POST', path: '/auth/recovery/user-name', entry: 'functions/auth/recover-user-name.ts', auth: 'none',
    request: { body: z.strictObject({ district: id, email: z.string().email().max(254) }) },
    response: { status: 202, schema: recoveryAccepted, description: 'The same answer whether or not an account matches; a match is mailed its user name' },
    errors: [429],
    example: { body: { district: 'springfield', email: 'rosa@example.org' } },
    tables: { parents: ['Query:byEmail'], audit: ['PutItem'], outbox: ['PutItem'], throttle: ['UpdateItem'] },
    throttle: { rate: 100, burst: 200 },
    usesClientAddress: true,
    summary: '"Forgot my user name": mail the user name to the address on file',
    description: 'Limited per district and email, and per address (429). Audited as parent.recovery-requested in the district trail, matched or not.',
  },
  'request-password-reset': {
    method: 'POST', path: '/auth/recovery/password', entry: 'functions/auth/request-password-reset.ts', auth: 'none',
    request: { body: z.strictObject({ district: id, userName: z.string().min(1).max(64) }) },
    response: { status: 202, schema: recoveryAccepted, description: 'The same answer whether or not an account matches; a match with an email on file is mailed a reset link' },
    errors: [429],
    example: { body: { district: 'springfield', userName: 'rsantos' } },
    tables: { parents: ['GetItem'], audit: ['PutItem'], outbox: ['PutItem'], throttle: ['UpdateItem'] },
    throttle: { rate: 100, burst: 200 },
    usesClientAddress: true,
    summary: '"Reset my password": mail a single-use reset link (at most 30 minutes) to the address on file',
    description: 'A newer link replaces an older one. Limited per district and user name, and per address (429).',
  },
  'complete-password-reset': {
    method: 'POST', path: '/auth/recovery/password/complete', entry: 'functions/auth/complete-password-reset.ts', auth: 'none',
    request: { body: z.strictObject({ district: id, token: z.string().min(1).max(512), newPassword: z.string().min(1).max(1024) }) },
    response: { status: 200, schema: z.object({ userName: z.string(), passwordChanged: z.literal(true) }), description: 'The password is changed; sign in with it' },
    errors: [401, 429],
    example: { body: { district: 'springfield', token: 'cm9zYQ.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ', newPassword: 'a long and private passphrase' } },
    tables: { parents: ['GetItem', 'UpdateItem'], audit: ['PutItem'], outbox: ['PutItem'], throttle: ['UpdateItem'] },
    memorySize: 1769,
    throttle: { rate: 100, burst: 200 },
    usesClientAddress: true,
    summary: 'Set a new password with a reset link: ends every session and device trust, and mails the parent',
    description: 'The link works once (401 when used, replaced or expired). The new password follows the same rules as at the first sign-in (400 WEAK_PASSWORD).',
  },
  'sign-out': {
    method: 'POST', path: '/auth/sign-out', entry: 'functions/auth/sign-out.ts', auth: 'parent',
    request: {
      query: z.object({
        everywhere: z
          .enum(['true', 'false'])
          .optional()
          .describe('true: also end the trust of every browser that signed in (a lost phone, a shared computer); their device tokens stop working'),
      }),
    },
    response: {
      status: 200,
      schema: z.object({ signedOut: z.literal(true), everywhere: z.boolean() }),
      description: 'Every session of the account has ended (and, with everywhere, every device token)',
    },
    example: { query: { everywhere: 'true' } },
    tables: { parents: ['GetItem', 'UpdateItem'], audit: ['PutItem'] },
    summary: "End every session of my account; with everywhere=true, every device's trust too",
  },
  jwks: {
    method: 'GET', path: '/.well-known/jwks.json', entry: 'functions/auth/jwks.ts', auth: 'none',
    response: { status: 200, schema: z.object({ keys: z.array(z.object({ kty: z.literal('RSA'), kid: z.string(), n: z.string(), e: z.string() }).passthrough()) }), description: 'JSON Web Key Set' },
    tables: {},
    parentTokenKey: 'verify',
    summary: 'Public key set for parent tokens',
  },
  'openid-configuration': {
    method: 'GET', path: '/.well-known/openid-configuration', entry: 'functions/auth/openid-configuration.ts', auth: 'none',
    response: { status: 200, schema: z.object({ issuer: z.string().describe("The API's URL in AWS"), jwks_uri: z.string() }), description: 'OpenID discovery document' },
    tables: {},
    summary: 'Discovery document for the parent-token issuer',
  },
  openapi: {
    method: 'GET', path: '/openapi.json', entry: 'functions/docs/openapi.ts', auth: 'none',
    response: { status: 200, schema: z.object({ openapi: z.string() }).passthrough(), description: 'This document' },
    tables: {},
    summary: 'The OpenAPI 3.1 description of this API',
  },
} as const satisfies Record<string, RouteSpec>;
