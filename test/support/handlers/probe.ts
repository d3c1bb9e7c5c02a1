import { z } from 'zod';
import type { RouteDefinition } from '../../../shared/contract/route';
import { routeHandler } from '../../../shared/http/handler';
import { id, schoolParams } from '../../../shared/contract/schemas';

/**
 * A route that is not in the table, declared the way every route is: the new-route test adds it
 * and shows CDK, the local server, OpenAPI, the auth matrix and the fuzzer all pick it up.
 */
export const PROBE_ROUTE: RouteDefinition = {
  id: 'probe-note',
  method: 'POST',
  path: '/schools/{schoolId}/probe-notes/{studentId}',
  entry: 'test/support/handlers/probe.ts',
  auth: 'staff',
  permissions: ['students:read', 'links:remove'],
  request: { params: schoolParams.extend({ studentId: id }), body: z.strictObject({ note: z.string().trim().min(1).max(20) }) },
  response: { status: 201, schema: z.object({ schoolId: id, studentId: id, note: z.string() }), description: 'The note, echoed' },
  example: { params: { schoolId: 'lincoln-ms', studentId: 'st1' }, body: { note: 'hello' } },
  group: 'codes-and-links',
  tables: { schools: ['GetItem'] },
  summary: 'A probe route for the tests',
};

export const handler = routeHandler(PROBE_ROUTE, async (input: { school: { schoolId: string }; params: { studentId: string }; body: { note: string } }) => ({
  schoolId: input.school.schoolId,
  studentId: input.params.studentId,
  note: input.body.note,
}));
