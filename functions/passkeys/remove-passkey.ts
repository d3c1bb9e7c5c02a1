import { apiHandler } from '../../shared/http/handler';
import { passkeyRoutes } from '../../shared/contract/routes/passkeys';
import { removePasskey } from '../../shared/use-cases/passkey-accounts';

export const handler = apiHandler(passkeyRoutes, 'remove-passkey', ({ parent, params }) => removePasskey(parent, params.passkeyId));
