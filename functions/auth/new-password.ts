import { z } from 'zod';
import { publicApiHandler } from '../../shared/http/handler';
import { answerNewPasswordChallenge } from '../../shared/use-cases/new-password';

export const handler = publicApiHandler({
  body: z.strictObject({ session: z.string().min(1).max(4096), newPassword: z.string().min(1).max(1024) }),
  async run({ body }) {
    return answerNewPasswordChallenge(body.session, body.newPassword);
  },
});
