import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { schoolParams } from '../../shared/http/schemas';
import { actorOf } from '../../shared/domain/principal';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { findParents } from '../../shared/use-cases/parent-accounts';

export const handler = apiHandler({
  params: schoolParams,
  query: z.object({
    by: z.enum(['name', 'student', 'email', 'userName']).default('name'),
    q: z.string().trim().min(1).max(254),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  }),
  async run({ principal, params, query }) {
    const { school } = await authorizeSchoolAction(principal, 'parents:read', params.schoolId);
    return findParents(school, query, actorOf(principal));
  },
});
