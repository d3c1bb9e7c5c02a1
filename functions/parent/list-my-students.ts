import { apiHandler } from '../../shared/http/handler';
import { parentPortalRoutes } from '../../shared/contract/routes/parent-portal';
import { listMyStudents } from '../../shared/use-cases/links';

export const handler = apiHandler(parentPortalRoutes, 'list-my-students', ({ principal }) => listMyStudents(principal));
