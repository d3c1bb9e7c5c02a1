import { apiHandler } from '../../shared/http/handler';
import { parentPortalRoutes } from '../../shared/contract/routes/parent-portal';
import { answerNewPasswordChallenge } from '../../shared/use-cases/new-password';

export const handler = apiHandler(parentPortalRoutes, 'new-password', ({ body }) => answerNewPasswordChallenge(body.session, body.newPassword));
