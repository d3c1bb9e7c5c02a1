import { apiHandler } from '../../shared/http/handler';
import { passkeyRoutes } from '../../shared/contract/routes/passkeys';
import { signInWithPasskey } from '../../shared/use-cases/passkeys';

export const handler = apiHandler(passkeyRoutes, 'passkey-sign-in', ({ body, sourceIp }) =>
  signInWithPasskey({ districtId: body.district, challengeId: body.challengeId, response: { ...body.response, clientExtensionResults: {} }, deviceToken: body.deviceToken, sourceIp }),
);
