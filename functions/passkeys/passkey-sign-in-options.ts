import { apiHandler } from '../../shared/http/handler';
import { passkeyRoutes } from '../../shared/contract/routes/passkeys';
import { passkeySignInOptions } from '../../shared/use-cases/passkeys';

export const handler = apiHandler(passkeyRoutes, 'passkey-sign-in-options', ({ body }) => passkeySignInOptions(body.district));
