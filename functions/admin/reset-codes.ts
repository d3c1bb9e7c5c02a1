import { apiHandler } from '../../shared/http/handler';
import { codesAndLinksRoutes } from '../../shared/contract/routes/codes-and-links';
import { resetSelectedCodes } from '../../shared/use-cases/codes';

export const handler = apiHandler(codesAndLinksRoutes, 'reset-codes', ({ school, body, actor }) => resetSelectedCodes(school, body.studentIds, actor, body.reason));
