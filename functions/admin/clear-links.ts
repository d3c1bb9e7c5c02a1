import { apiHandler } from '../../shared/http/handler';
import { codesAndLinksRoutes } from '../../shared/contract/routes/codes-and-links';
import { clearLinksOfStudents } from '../../shared/use-cases/links';

export const handler = apiHandler(codesAndLinksRoutes, 'clear-links', ({ school, body, actor }) => clearLinksOfStudents(school, body.studentIds, actor, body.reason));
