import { apiHandler } from '../../shared/http/handler';
import { invitationRoutes } from '../../shared/contract/routes/invitations';
import { acceptInvitationWithLink } from '../../shared/use-cases/invitations';

export const handler = apiHandler(invitationRoutes, 'accept-invitation', ({ body, sourceIp }) =>
  acceptInvitationWithLink({ districtId: body.district, schoolId: body.school, token: body.token, sourceIp, ...(body.newPassword !== undefined ? { newPassword: body.newPassword } : {}) }),
);
