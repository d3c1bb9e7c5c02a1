import { apiHandler } from '../../shared/http/handler';
import { passkeyRoutes } from '../../shared/contract/routes/passkeys';
import { registerPasskey } from '../../shared/use-cases/passkeys';

export const handler = apiHandler(passkeyRoutes, 'register-passkey', async ({ parent, body }) =>
  registerPasskey(parent, { challengeId: body.challengeId, name: body.name, response: { ...body.response, clientExtensionResults: {} } }),
);
