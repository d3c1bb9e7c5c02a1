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
    tables: { schools: ['GetItem'], audit: ['Query', 'Query:byStudent', 'Query:byParent'] },
    summary: 'Read the audit trail, filtered by student, parent, actor, action and time',
  },
  'list-district-audit': {
    method: 'GET', path: '/districts/{districtId}/audit', entry: 'functions/admin/list-district-audit.ts', auth: 'staff',
    permissions: ['audit:read'],
    request: { params: z.object({ districtId: id }), query: auditQuery },
    response: { status: 200, schema: auditPage, description: 'Events, newest first' },
    example: { params: { districtId: 'springfield' }, query: { parentId: 'p1' } },
    tables: { audit: ['Query', 'Query:byStudent', 'Query:byParent'] },
    summary: "Read the district's trail of parent account events (sign-ins, locks, password changes); district-wide staff only",
  },
} as const satisfies Record<string, RouteSpec>;
