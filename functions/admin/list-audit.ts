import { apiHandler } from '../../shared/http/handler';
import { auditQuery, schoolParams } from '../../shared/http/schemas';
import { readSchoolAudit } from '../../shared/use-cases/audit';

export const handler = apiHandler({
  params: schoolParams,
  query: auditQuery,
  async run({ principal, params, query }) {
    const { limit, cursor, ...filter } = query;
    return readSchoolAudit(principal, params.schoolId, filter, { limit, cursor });
  },
});
