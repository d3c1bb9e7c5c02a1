import { apiHandler } from '../../shared/http/handler';
import { invitationRoutes } from '../../shared/contract/routes/invitations';
import { previewInvitation } from '../../shared/use-cases/invitations';

export const handler = apiHandler(invitationRoutes, 'preview-invitation', ({ body, sourceIp }) =>
  previewInvitation({ districtId: body.district, schoolId: body.school, token: body.token, sourceIp }),
);
