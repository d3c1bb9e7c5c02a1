import { apiHandler } from '../../shared/http/handler';
import { assertParent } from '../../shared/domain/principal';
import { signOut } from '../../shared/use-cases/parent-accounts';

/** Ends every session of the calling parent's account. */
export const handler = apiHandler({
  async run({ principal }) {
    return signOut(assertParent(principal));
  },
});
