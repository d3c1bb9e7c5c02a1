import { apiHandler } from '../../shared/http/handler';
import { parentPortalRoutes } from '../../shared/contract/routes/parent-portal';
import { completePasswordResetWithLink } from '../../shared/use-cases/recovery';

export const handler = apiHandler(parentPortalRoutes, 'complete-password-reset', ({ body, sourceIp }) =>
  completePasswordResetWithLink({ districtId: body.district, token: body.token, newPassword: body.newPassword, sourceIp }),
);
