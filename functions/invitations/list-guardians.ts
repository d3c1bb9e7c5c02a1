import { apiHandler } from '../../shared/http/handler';
import { invitationRoutes } from '../../shared/contract/routes/invitations';
import { listGuardians } from '../../shared/use-cases/invitations';

export const handler = apiHandler(invitationRoutes, 'list-guardians', ({ school, query }) =>
  listGuardians(school, { limit: query.limit, offset: query.offset, ...(query.state ? { state: query.state } : {}), ...(query.studentId ? { studentId: query.studentId } : {}) }),
);
