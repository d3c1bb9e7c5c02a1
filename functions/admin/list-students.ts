import { apiHandler } from '../../shared/http/handler';
import { listStudents } from '../../shared/use-cases/students';

export const handler = apiHandler('list-students', ({ school, query }) => listStudents(school, query));
