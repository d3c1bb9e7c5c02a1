import { apiHandler } from '../../shared/http/handler';
import { auditRoutes } from '../../shared/contract/routes/audit';
import { readDistrictAudit } from '../../shared/use-cases/audit';

export const handler = apiHandler(auditRoutes, 'list-district-audit', ({ params, query }) => readDistrictAudit(params.districtId, query));
