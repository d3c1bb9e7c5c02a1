import type { Permission } from '../domain/principal';
import type { TableName } from '../data/table-schema';

/** `append`: PutItem only, for the audit trail, which no function may change or delete. */
export type Access = 'read' | 'write' | 'append';

/**
 * Every HTTP route, declared once. The CDK stack makes one function and one API route of each;
 * the local server dispatches to the same handler files; the tests derive the auth matrix here.
 */
export interface RouteDefinition {
  /** Function name stem, unique. */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** Handler file, relative to the repository root; it exports `handler`. */
  entry: string;
  /** Which token the route accepts; `none` for sign-in and the public key set. */
  auth: 'staff' | 'parent' | 'none';
  /** The staff permission the handler checks (staff routes). */
  permission?: Permission;
  /** Tables the function may touch, and how: the least-privilege grants and env vars. */
  tables: Partial<Record<TableName, Access>>;
  /** Whether it hashes access codes and so needs the code pepper. */
  usesCodePepper?: boolean;
  /** `seal`: issues codes and seals them at rest; `open`: shows stored codes. Others see hashes only. */
  codeVault?: 'seal' | 'open';
  /** Whether it signs parent tokens (`sign`) or only publishes/verifies with the public key (`verify`). */
  parentTokenKey?: 'sign' | 'verify';
  /** Memory in MB when the default does not fit (password hashing wants a whole vCPU). */
  memorySize?: number;
  /** Starts bulk-job executions. */
  startsJobs?: boolean;
  /** Creates, changes or deletes EventBridge Scheduler schedules. */
  managesSchedules?: boolean;
  summary: string;
}

export const ROUTES: readonly RouteDefinition[] = [
  {
    id: 'list-students',
    method: 'GET',
    path: '/schools/{schoolId}/students',
    entry: 'functions/admin/list-students.ts',
    auth: 'staff',
    permission: 'students:read',
    tables: { schools: 'read', students: 'read', links: 'read', parents: 'read' },
    codeVault: 'open',
    summary: 'List or search students with their current code and linked parents',
  },
  {
    id: 'remove-link',
    method: 'DELETE',
    path: '/schools/{schoolId}/students/{studentId}/parents/{parentId}',
    entry: 'functions/admin/remove-link.ts',
    auth: 'staff',
    permission: 'links:remove',
    tables: { schools: 'read', links: 'write', audit: 'append', outbox: 'write' },
    summary: 'Remove one parent/student link',
  },
  {
    id: 'clear-links',
    method: 'POST',
    path: '/schools/{schoolId}/links/clear',
    entry: 'functions/admin/clear-links.ts',
    auth: 'staff',
    permission: 'links:remove',
    tables: { schools: 'read', students: 'read', links: 'write', audit: 'append', outbox: 'write' },
    summary: 'Clear every parent link of selected students',
  },
  {
    id: 'reset-codes',
    method: 'POST',
    path: '/schools/{schoolId}/codes/reset',
    entry: 'functions/admin/reset-codes.ts',
    auth: 'staff',
    permission: 'codes:reset',
    tables: { schools: 'read', students: 'write', codes: 'write', audit: 'append' },
    usesCodePepper: true,
    codeVault: 'seal',
    summary: 'Reset the codes of one or selected students',
  },
  {
    id: 'list-audit',
    method: 'GET',
    path: '/schools/{schoolId}/audit',
    entry: 'functions/admin/list-audit.ts',
    auth: 'staff',
    permission: 'audit:read',
    tables: { schools: 'read', audit: 'read' },
    summary: 'Read the audit trail, filtered by student, parent, actor, action and time',
  },
  {
    id: 'list-district-audit',
    method: 'GET',
    path: '/districts/{districtId}/audit',
    entry: 'functions/admin/list-district-audit.ts',
    auth: 'staff',
    permission: 'audit:read',
    tables: { audit: 'read' },
    summary: "Read the district's trail of parent account events (sign-ins, locks, password changes); district-wide staff only",
  },
  {
    id: 'upsert-roster',
    method: 'PUT',
    path: '/schools/{schoolId}/roster',
    entry: 'functions/admin/upsert-roster.ts',
    auth: 'staff',
    permission: 'roster:write',
    tables: { schools: 'read', students: 'write', codes: 'write', parents: 'write', audit: 'append', outbox: 'append' },
    usesCodePepper: true,
    codeVault: 'seal',
    summary: 'Upsert students and parents in bulk (idempotent); only parents this school rosters, unless district-wide',
  },
  {
    id: 'redeem-code',
    method: 'POST',
    path: '/me/links',
    entry: 'functions/parent/redeem-code.ts',
    auth: 'parent',
    tables: { schools: 'read', codes: 'read', students: 'read', parents: 'read', links: 'write', audit: 'append', outbox: 'write', throttle: 'write' },
    usesCodePepper: true,
    summary: "Redeem a student's access code to link to that student",
  },
  {
    id: 'list-my-students',
    method: 'GET',
    path: '/me/students',
    entry: 'functions/parent/list-my-students.ts',
    auth: 'parent',
    tables: { parents: 'read', links: 'read', students: 'read' },
    summary: 'The students linked to the calling parent',
  },
  {
    id: 'unlink-student',
    method: 'DELETE',
    path: '/me/students/{schoolId}/{studentId}',
    entry: 'functions/parent/unlink-student.ts',
    auth: 'parent',
    tables: { schools: 'read', parents: 'read', links: 'write', audit: 'append', outbox: 'write' },
    summary: 'Remove my own link to a student ("I added the wrong child")',
  },
  {
    id: 'report-not-my-child',
    method: 'POST',
    path: '/me/students/{schoolId}/{studentId}/not-my-child',
    entry: 'functions/parent/report-not-my-child.ts',
    auth: 'parent',
    tables: { schools: 'read', parents: 'read', students: 'write', links: 'write', audit: 'append', outbox: 'write' },
    summary: '"This is not my child": remove my link, flag the student for staff, open a case',
  },
  {
    id: 'find-parents',
    method: 'GET',
    path: '/schools/{schoolId}/parents',
    entry: 'functions/admin/find-parents.ts',
    auth: 'staff',
    permission: 'parents:read',
    tables: { schools: 'read', parents: 'read', students: 'read', links: 'read', audit: 'append' },
    summary: "Find a parent (user name, linked students, account state); each look-up is audited",
  },
  {
    id: 'set-parent-password',
    method: 'POST',
    path: '/schools/{schoolId}/parents/{parentId}/password',
    entry: 'functions/admin/set-parent-password.ts',
    auth: 'staff',
    permission: 'passwords:set',
    tables: { schools: 'read', parents: 'write', links: 'read', audit: 'append', outbox: 'write' },
    memorySize: 1769,
    summary: 'Set one parent\'s password to a temporary default (confirmed)',
  },
  {
    id: 'set-parent-passwords',
    method: 'POST',
    path: '/schools/{schoolId}/parents/passwords',
    entry: 'functions/admin/set-parent-passwords.ts',
    auth: 'staff',
    permission: 'passwords:set',
    tables: { schools: 'read', parents: 'write', links: 'read', audit: 'append', outbox: 'write' },
    memorySize: 1769,
    summary: 'Set the passwords of selected parents (up to 25) to temporary defaults',
  },
  {
    id: 'unlock-parent',
    method: 'POST',
    path: '/schools/{schoolId}/parents/{parentId}/unlock',
    entry: 'functions/admin/unlock-parent.ts',
    auth: 'staff',
    permission: 'passwords:set',
    tables: { schools: 'read', parents: 'write', links: 'read', audit: 'append' },
    summary: 'Unlock a parent account locked by failed sign-ins',
  },
  {
    id: 'fix-wrong-link',
    method: 'POST',
    path: '/schools/{schoolId}/students/{studentId}/wrong-link-fix',
    entry: 'functions/admin/fix-wrong-link.ts',
    auth: 'staff',
    permission: 'links:remove',
    tables: { schools: 'read', students: 'write', codes: 'write', links: 'write', audit: 'append', outbox: 'write' },
    usesCodePepper: true,
    codeVault: 'seal',
    summary: 'Remove a wrong link, reset the code and record the case, in one step (also needs codes:reset)',
  },
  {
    id: 'sign-in',
    method: 'POST',
    path: '/auth/sign-in',
    entry: 'functions/auth/sign-in.ts',
    auth: 'none',
    tables: { parents: 'write', audit: 'append', throttle: 'write' },
    parentTokenKey: 'sign',
    memorySize: 1769,
    summary: 'Parent sign-in: a session token, or a NEW_PASSWORD_REQUIRED challenge',
  },
  {
    id: 'new-password',
    method: 'POST',
    path: '/auth/new-password',
    entry: 'functions/auth/new-password.ts',
    auth: 'none',
    tables: { parents: 'write', audit: 'append' },
    parentTokenKey: 'sign',
    memorySize: 1769,
    summary: "Answer the challenge with the parent's own new password",
  },
  {
    id: 'sign-out',
    method: 'POST',
    path: '/auth/sign-out',
    entry: 'functions/auth/sign-out.ts',
    auth: 'parent',
    tables: { parents: 'write', audit: 'append' },
    summary: 'End every session of my account',
  },
  {
    id: 'jwks',
    method: 'GET',
    path: '/.well-known/jwks.json',
    entry: 'functions/auth/jwks.ts',
    auth: 'none',
    tables: {},
    parentTokenKey: 'verify',
    summary: 'Public key set for parent tokens',
  },
  {
    id: 'openid-configuration',
    method: 'GET',
    path: '/.well-known/openid-configuration',
    entry: 'functions/auth/openid-configuration.ts',
    auth: 'none',
    tables: {},
    summary: 'Discovery document for the parent-token issuer',
  },
  {
    id: 'start-job',
    method: 'POST',
    path: '/schools/{schoolId}/jobs',
    entry: 'functions/admin/start-job.ts',
    auth: 'staff',
    permission: 'jobs:run',
    tables: { schools: 'read', parents: 'read', links: 'read', jobs: 'write', audit: 'append' },
    startsJobs: true,
    summary: "Start a bulk job (Reset All, Clear All, set passwords) or its dry-run preview; 202. Also needs the type's own permission",
  },
  {
    id: 'list-jobs',
    method: 'GET',
    path: '/schools/{schoolId}/jobs',
    entry: 'functions/admin/list-jobs.ts',
    auth: 'staff',
    permission: 'students:read',
    tables: { schools: 'read', jobs: 'read' },
    summary: "A school's jobs, newest first",
  },
  {
    id: 'get-job',
    method: 'GET',
    path: '/schools/{schoolId}/jobs/{jobId}',
    entry: 'functions/admin/get-job.ts',
    auth: 'staff',
    permission: 'students:read',
    tables: { schools: 'read', jobs: 'read' },
    summary: 'One job: status, total, processed, failed, effects',
  },
  {
    id: 'cancel-job',
    method: 'POST',
    path: '/schools/{schoolId}/jobs/{jobId}/cancel',
    entry: 'functions/admin/cancel-job.ts',
    auth: 'staff',
    permission: 'jobs:run',
    tables: { schools: 'read', jobs: 'write', audit: 'append' },
    summary: 'Cancel a running job: no further batches start',
  },
  {
    id: 'put-schedule',
    method: 'PUT',
    path: '/schools/{schoolId}/schedules/{name}',
    entry: 'functions/admin/put-schedule.ts',
    auth: 'staff',
    permission: 'jobs:run',
    tables: { schools: 'read', schedules: 'write', audit: 'append' },
    managesSchedules: true,
    summary: 'Create or change a schedule that starts a job (EventBridge Scheduler); audited',
  },
  {
    id: 'list-schedules',
    method: 'GET',
    path: '/schools/{schoolId}/schedules',
    entry: 'functions/admin/list-schedules.ts',
    auth: 'staff',
    permission: 'jobs:run',
    tables: { schools: 'read', schedules: 'read' },
    summary: "A school's schedules",
  },
  {
    id: 'delete-schedule',
    method: 'DELETE',
    path: '/schools/{schoolId}/schedules/{name}',
    entry: 'functions/admin/delete-schedule.ts',
    auth: 'staff',
    permission: 'jobs:run',
    tables: { schools: 'read', schedules: 'write', audit: 'append' },
    managesSchedules: true,
    summary: 'Delete a schedule; audited',
  },
];
