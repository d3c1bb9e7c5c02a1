import { apiHandler } from '../../shared/http/handler';
import { parentPortalRoutes } from '../../shared/contract/routes/parent-portal';
import { requestPasswordReset } from '../../shared/use-cases/recovery';

export const handler = apiHandler(parentPortalRoutes, 'request-password-reset', ({ body, sourceIp }) =>
  requestPasswordReset({ districtId: body.district, userName: body.userName, sourceIp }),
);
