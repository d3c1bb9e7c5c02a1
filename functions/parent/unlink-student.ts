import { apiHandler } from '../../shared/http/handler';
import { unlinkMyStudent } from '../../shared/use-cases/links';

export const handler = apiHandler('unlink-student', ({ principal, params, query }) =>
  unlinkMyStudent(principal, params.schoolId, params.studentId, query.reason),
);
