import { apiHandler } from '../../shared/http/handler';
import { clearLinksOfStudents } from '../../shared/use-cases/links';

export const handler = apiHandler('clear-links', ({ school, body, actor }) => clearLinksOfStudents(school, body.studentIds, actor, body.reason));
