import { apiHandler } from '../../shared/http/handler';
import { assertParent } from '../../shared/domain/principal';
import { listMyStudents } from '../../shared/use-cases/links';

export const handler = apiHandler({
  async run({ principal }) {
    return listMyStudents(assertParent(principal));
  },
});
