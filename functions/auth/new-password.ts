import { apiHandler } from '../../shared/http/handler';
import { answerNewPasswordChallenge } from '../../shared/use-cases/new-password';

export const handler = apiHandler('new-password', ({ body }) => answerNewPasswordChallenge(body.session, body.newPassword));
