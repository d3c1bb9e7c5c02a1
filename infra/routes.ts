import type { Permission } from '../shared/domain/principal';
import type { TableName } from '../shared/data/table-schema';

export type Access = 'read' | 'write';

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
  /** Which token the route accepts. */
  auth: 'staff' | 'parent';
  /** The staff permission the handler checks (staff routes). */
  permission?: Permission;
  /** Tables the function may touch, and how: the least-privilege grants and env vars. */
  tables: Partial<Record<TableName, Access>>;
  /** Whether it hashes access codes and so needs the code pepper. */
  usesCodePepper?: boolean;
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
    summary: 'List or search students with their current code and linked parents',
  },
  {
    id: 'remove-link',
    method: 'DELETE',
    path: '/schools/{schoolId}/students/{studentId}/parents/{parentId}',
    entry: 'functions/admin/remove-link.ts',
    auth: 'staff',
    permission: 'links:remove',
    tables: { schools: 'read', links: 'write', audit: 'write' },
    summary: 'Remove one parent/student link',
  },
  {
    id: 'clear-links',
    method: 'POST',
    path: '/schools/{schoolId}/links/clear',
    entry: 'functions/admin/clear-links.ts',
    auth: 'staff',
    permission: 'links:remove',
    tables: { schools: 'read', students: 'read', links: 'write', audit: 'write' },
    summary: 'Clear every parent link of selected students',
  },
  {
    id: 'reset-codes',
    method: 'POST',
    path: '/schools/{schoolId}/codes/reset',
    entry: 'functions/admin/reset-codes.ts',
    auth: 'staff',
    permission: 'codes:reset',
    tables: { schools: 'read', students: 'write', codes: 'write', audit: 'write' },
    usesCodePepper: true,
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
    id: 'upsert-roster',
    method: 'PUT',
    path: '/schools/{schoolId}/roster',
    entry: 'functions/admin/upsert-roster.ts',
    auth: 'staff',
    permission: 'roster:write',
    tables: { schools: 'read', students: 'write', codes: 'write', parents: 'write', audit: 'write' },
    usesCodePepper: true,
    summary: 'Upsert students and parents in bulk (idempotent)',
  },
  {
    id: 'redeem-code',
    method: 'POST',
    path: '/me/links',
    entry: 'functions/parent/redeem-code.ts',
    auth: 'parent',
    tables: { schools: 'read', codes: 'read', students: 'read', parents: 'read', links: 'write', audit: 'write', throttle: 'write' },
    usesCodePepper: true,
    summary: "Redeem a student's access code to link to that student",
  },
  {
    id: 'list-my-students',
    method: 'GET',
    path: '/me/students',
    entry: 'functions/parent/list-my-students.ts',
    auth: 'parent',
    tables: { links: 'read', students: 'read' },
    summary: 'The students linked to the calling parent',
  },
  {
    id: 'unlink-student',
    method: 'DELETE',
    path: '/me/students/{schoolId}/{studentId}',
    entry: 'functions/parent/unlink-student.ts',
    auth: 'parent',
    tables: { schools: 'read', links: 'write', audit: 'write' },
    summary: 'Remove my own link to a student ("I added the wrong child")',
  },
];
