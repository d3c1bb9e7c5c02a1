import { apiHandler } from '../../shared/http/handler';
import { parentPortalRoutes } from '../../shared/contract/routes/parent-portal';
import { signOut } from '../../shared/use-cases/parent-sign-in';

/** Ends every session of the calling parent's account (and with ?everywhere=true every device's trust). */
export const handler = apiHandler(parentPortalRoutes, 'sign-out', ({ parent, query }) => signOut(parent, query.everywhere === 'true'));
