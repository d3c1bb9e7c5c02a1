import { apiHandler } from '../../shared/http/handler';
import { invitationRoutes } from '../../shared/contract/routes/invitations';
import { requestLostCode } from '../../shared/use-cases/invitations';

export const handler = apiHandler(invitationRoutes, 'request-lost-code', ({ body, sourceIp }) =>
  requestLostCode({ districtId: body.district, schoolId: body.school, firstName: body.firstName, lastName: body.lastName, studentNumber: body.studentNumber, sourceIp }),
);
