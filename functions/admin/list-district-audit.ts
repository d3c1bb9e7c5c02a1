import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { auditQuery, id } from '../../shared/http/schemas';
import { readDistrictAudit } from '../../shared/use-cases/audit';

export const handler = apiHandler({
  params: z.object({ districtId: id }),
  query: auditQuery,
  async run({ principal, params, query }) {
    const { limit, cursor, ...filter } = query;
    return readDistrictAudit(principal, params.districtId, filter, { limit, cursor });
  },
});
