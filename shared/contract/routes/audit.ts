import { z } from 'zod';
import type { RouteSpec } from '../route';
import { auditPage, auditQuery, id, schoolParams } from '../schemas';

const school = { schoolId: 'lincoln-ms' };

/** The audit trail (staff). */
export const auditRoutes = {
  'list-audit': {
    method: 'GET', path: '/schools/{schoolId}/audit', entry: 'functions/admin/list-audit.ts', auth: 'staff',
    permissions: ['audit:read'],
    request: { params: schoolParams, query: auditQuery },
    response: { status: 200, schema: auditPage, description: 'Events, newest first' },
    example: { params: school, query: { action: 'code.reset', limit: '50' } },
    // The names beside the ids: one BatchGet of each (names only), at read time.
    tables: { schools: ['GetItem'], audit: ['Query', 'Query:byStudent', 'Query:byParent'], students: ['BatchGetItem'], parents: ['BatchGetItem'] },
    summary: 'Read the audit trail, filtered by student, parent, actor, action and time',
    description:
      'Each event carries the names its ids stand for now (actorName, studentName, parentName), read with the page; the events themselves keep ids only. ' +
      '`action` is one of the trail\'s action codes (400 otherwise), listed in the schema, so a client can offer them as a pick list.',
  },
  'list-district-audit': {
    method: 'GET', path: '/districts/{districtId}/audit', entry: 'functions/admin/list-district-audit.ts', auth: 'staff',
    permissions: ['audit:read'],
    request: { params: z.object({ districtId: id }), query: auditQuery },
    response: { status: 200, schema: auditPage, description: 'Events, newest first' },
    example: { params: { districtId: 'springfield' }, query: { parentId: 'p1' } },
    tables: { audit: ['Query', 'Query:byStudent', 'Query:byParent'], parents: ['BatchGetItem'] },
    summary: "Read the district's trail of parent account events (sign-ins, locks, password changes); district-wide staff only",
  },
} as const satisfies Record<string, RouteSpec>;
