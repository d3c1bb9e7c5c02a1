import { apiHandler } from '../../shared/http/handler';
import { parentPortalRoutes } from '../../shared/contract/routes/parent-portal';
import { unlinkMyStudent } from '../../shared/use-cases/links';

export const handler = apiHandler(parentPortalRoutes, 'unlink-student', ({ principal, params, query }) =>
  unlinkMyStudent(principal, params.schoolId, params.studentId, query.reason),
);
