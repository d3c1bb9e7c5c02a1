import { apiHandler } from '../../shared/http/handler';
import { passkeyRoutes } from '../../shared/contract/routes/passkeys';
import { listPasskeys } from '../../shared/use-cases/passkey-accounts';

export const handler = apiHandler(passkeyRoutes, 'list-passkeys', async ({ parent }) => listPasskeys(parent));
