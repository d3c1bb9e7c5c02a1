import { z } from 'zod';
import { MAX_PASSWORDS_PER_CALL } from '../../domain/limits';
import type { RouteSpec } from '../route';
import { confirmed, id, parentSearchResult, passwordSet, schoolParams } from '../schemas';

const school = { schoolId: 'lincoln-ms' };

/** Parent portal accounts (staff): the accounts article's look-up, default passwords and unlock. */
export const parentAccountsRoutes = {
  'find-parents': {
    method: 'GET', path: '/schools/{schoolId}/parents', entry: 'functions/admin/find-parents.ts', auth: 'staff',
    permissions: ['parents:read'],
    request: {
      params: schoolParams,
      query: z.object({
        by: z
          .enum(['any', 'name', 'student', 'email', 'userName'])
          .default('any')
          .describe(
            'any (default): one box; an email if q holds "@", else the user name, the parent\'s own name and a child\'s name or student number together. The others keep to one way',
          ),
        q: z
          .string()
          .trim()
          .min(1)
          .max(254)
          .describe(
            'An email or user name (exact, case-insensitive), a student number (exact), or up to 4 words of a name in any order, each the start of a word of the first or last name ("Rosa Abbiatici", "abbiatici, rosa" = last, first, "giu abb"); case and accents ignored',
          ),
        limit: z.coerce.number().int().min(1).max(50).default(10),
      }),
    },
    response: { status: 200, schema: parentSearchResult, description: 'Matching parents this school may see, each with how it was found' },
    example: { params: school, query: { q: 'Rosa Abbiatici' } },
    tables: {
      schools: ['GetItem'],
      parents: ['GetItem', 'BatchGetItem', 'Query:byName', 'Query:byFirstName', 'Query:byEmail'],
      students: ['BatchGetItem', 'Query:byDistrictSchool', 'Query:byFirstName', 'Query:byStudentNumber'],
      links: ['Query:byParent'],
      guardians: ['Query'],
      audit: ['PutItem'],
    },
    summary: 'Find a parent by name, child, email or user name (user name, linked students, account state); each search is audited once',
    description: 'Bounded work: a fixed number of round trips and at most 10 index queries per name plan, 10 children, 100 parents read. One parents.searched event per search names the parents shown (never the query); a search showing exactly one parent is also in that parent\'s trail.',
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
