import { apiHandler } from '../../shared/http/handler';
import { passkeyRoutes } from '../../shared/contract/routes/passkeys';
import { passkeyRegistrationOptions } from '../../shared/use-cases/passkeys';

export const handler = apiHandler(passkeyRoutes, 'passkey-registration-options', ({ parent }) => passkeyRegistrationOptions(parent));
