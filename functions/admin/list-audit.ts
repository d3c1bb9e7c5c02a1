import { apiHandler } from '../../shared/http/handler';
import { readSchoolAudit } from '../../shared/use-cases/audit';

export const handler = apiHandler('list-audit', ({ school, query }) => readSchoolAudit(school, query));
