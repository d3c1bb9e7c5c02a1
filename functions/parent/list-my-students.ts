import { apiHandler } from '../../shared/http/handler';
import { listMyStudents } from '../../shared/use-cases/links';

export const handler = apiHandler('list-my-students', ({ principal }) => listMyStudents(principal));
