import { apiHandler } from '../../shared/http/handler';
import { parentPortalRoutes } from '../../shared/contract/routes/parent-portal';
import { recoverUserName } from '../../shared/use-cases/recovery';

export const handler = apiHandler(parentPortalRoutes, 'recover-user-name', ({ body, sourceIp }) =>
  recoverUserName({ districtId: body.district, email: body.email, sourceIp }),
);
