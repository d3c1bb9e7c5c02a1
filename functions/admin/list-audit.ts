import { apiHandler } from '../../shared/http/handler';
import { auditRoutes } from '../../shared/contract/routes/audit';
import { readSchoolAudit } from '../../shared/use-cases/audit';

export const handler = apiHandler(auditRoutes, 'list-audit', ({ school, query }) => readSchoolAudit(school, query));
