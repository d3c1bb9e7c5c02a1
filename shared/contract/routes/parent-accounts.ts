import { z } from 'zod';
import { MAX_PASSWORDS_PER_CALL } from '../../domain/limits';
import type { RouteSpec } from '../route';
import { confirmed, id, parentRow, passwordSet, schoolParams } from '../schemas';

const school = { schoolId: 'lincoln-ms' };

/** Parent portal accounts (staff): the accounts article's look-up, default passwords and unlock. */
export const parentAccountsRoutes = {
  'find-parents': {
    method: 'GET', path: '/schools/{schoolId}/parents', entry: 'functions/admin/find-parents.ts', auth: 'staff',
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
    tables: { schools: ['GetItem'], parents: ['GetItem', 'BatchGetItem', 'Query:byName', 'Query:byEmail'], students: ['BatchGetItem', 'Query:byDistrictSchool', 'Query:byStudentNumber'], links: ['Query', 'Query:byParent'], audit: ['PutItem'] },
    summary: 'Find a parent (user name, linked students, account state); each look-up is audited',
  },
  'set-parent-password': {
    method: 'POST', path: '/schools/{schoolId}/parents/{parentId}/password', entry: 'functions/admin/set-parent-password.ts', auth: 'staff',
    permissions: ['passwords:set'],
    request: { params: z.object({ schoolId: id, parentId: id }), body: z.strictObject({ confirm: confirmed('Setting a password') }) },
    response: { status: 200, schema: passwordSet, description: 'The temporary password scheme and its expiry; the parent must change it at the next sign-in' },
    errors: [409, 422, 503],
    example: { params: { ...school, parentId: 'p1' }, body: { confirm: true } },
    tables: { schools: ['GetItem'], parents: ['BatchGetItem', 'UpdateItem'], audit: ['PutItem'], outbox: ['PutItem'] },
    memorySize: 1769,
    summary: "Set one parent's password to a temporary default (confirmed)",
  },
  'set-parent-passwords': {
    method: 'POST', path: '/schools/{schoolId}/parents/passwords', entry: 'functions/admin/set-parent-passwords.ts', auth: 'staff',
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
    tables: { schools: ['GetItem'], parents: ['BatchGetItem', 'UpdateItem'], audit: ['PutItem'], outbox: ['PutItem'] },
    memorySize: 1769,
    summary: `Set the passwords of selected parents (up to ${MAX_PASSWORDS_PER_CALL}) to temporary defaults`,
  },
  'unlock-parent': {
    method: 'POST', path: '/schools/{schoolId}/parents/{parentId}/unlock', entry: 'functions/admin/unlock-parent.ts', auth: 'staff',
    permissions: ['passwords:set'],
    request: { params: z.object({ schoolId: id, parentId: id }) },
    response: { status: 200, schema: z.object({ parentId: id, accountState: z.string() }), description: 'The account can sign in again' },
    example: { params: { ...school, parentId: 'p1' } },
    tables: { schools: ['GetItem'], parents: ['BatchGetItem', 'UpdateItem'], audit: ['PutItem'] },
    summary: 'Unlock a parent account locked by failed sign-ins',
  },
} as const satisfies Record<string, RouteSpec>;
