import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { cursor, id, pageLimit, schoolParams } from '../../shared/http/schemas';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { queryAudit } from '../../shared/data/audit';

const timestamp = z.string().datetime({ offset: false });

export const handler = apiHandler({
  params: schoolParams,
  query: z.object({
    studentId: id.optional(),
    parentId: id.optional(),
    actorId: z.string().min(1).max(128).optional(),
    action: z.string().regex(/^[a-z]+\.[a-z-]+$/).optional(),
    from: timestamp.optional(),
    to: timestamp.optional(),
    limit: pageLimit,
    cursor,
  }),
  async run({ principal, params, query }) {
    await authorizeSchoolAction(principal, 'audit:read', params.schoolId);
    const { limit, cursor: page, ...filter } = query;
    return queryAudit(params.schoolId, filter, { limit, cursor: page });
  },
});
