import { apiHandler } from '../../shared/http/handler';
import { resetSelectedCodes } from '../../shared/use-cases/codes';

export const handler = apiHandler('reset-codes', ({ school, body, actor }) => resetSelectedCodes(school, body.studentIds, actor, body.reason));
