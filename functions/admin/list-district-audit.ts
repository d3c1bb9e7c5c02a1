import { apiHandler } from '../../shared/http/handler';
import { readDistrictAudit } from '../../shared/use-cases/audit';

export const handler = apiHandler('list-district-audit', ({ params, query }) => readDistrictAudit(params.districtId, query));
