import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { id, schoolParams } from '../../shared/http/schemas';
import { actorOf } from '../../shared/domain/principal';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { upsertRoster } from '../../shared/use-cases/roster';

const name = z.string().trim().min(1).max(100);

/** One call carries at most this many records, which keeps it well inside API Gateway's 30 s. */
const MAX_RECORDS = 1000;

export const handler = apiHandler({
  params: schoolParams,
  body: z
    .strictObject({
      students: z
        .array(z.strictObject({ studentId: id, firstName: name, lastName: name, studentNumber: z.string().trim().min(1).max(32) }))
        .max(MAX_RECORDS)
        .default([]),
      parents: z
        .array(
          z.strictObject({
            parentId: id,
            firstName: name,
            lastName: name,
            userName: z.string().trim().min(3).max(64),
            email: z.string().email().max(254).optional(),
          }),
        )
        .max(MAX_RECORDS)
        .default([]),
    })
    .refine((r) => r.students.length + r.parents.length <= MAX_RECORDS, `At most ${MAX_RECORDS} records per call`)
    .refine((r) => new Set(r.students.map((s) => s.studentId)).size === r.students.length, 'Student ids must be unique')
    .refine((r) => new Set(r.parents.map((p) => p.parentId)).size === r.parents.length, 'Parent ids must be unique'),
  async run({ principal, params, body }) {
    const { staff, school } = await authorizeSchoolAction(principal, 'roster:write', params.schoolId);
    return upsertRoster(school, body, actorOf(principal), staff.schools === 'district');
  },
});
