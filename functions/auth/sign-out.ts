import { apiHandler } from '../../shared/http/handler';
import { signOut } from '../../shared/use-cases/parent-accounts';

/** Ends every session of the calling parent's account. */
export const handler = apiHandler('sign-out', ({ parent }) => signOut(parent));
