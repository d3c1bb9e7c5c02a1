import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { cursor, pageLimit, schoolParams } from '../../shared/http/schemas';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { listStudents } from '../../shared/use-cases/students';

export const handler = apiHandler({
  params: schoolParams,
  query: z.object({ q: z.string().trim().min(1).max(100).optional(), limit: pageLimit, cursor }),
  async run({ principal, params, query }) {
    const { school } = await authorizeSchoolAction(principal, 'students:read', params.schoolId);
    return listStudents(school, query);
  },
});
