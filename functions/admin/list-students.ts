import { apiHandler } from '../../shared/http/handler';
import { codesAndLinksRoutes } from '../../shared/contract/routes/codes-and-links';
import { listStudents } from '../../shared/use-cases/students';

export const handler = apiHandler(codesAndLinksRoutes, 'list-students', ({ school, query, staff, actor }) => listStudents(school, query, { staff, actor }));
