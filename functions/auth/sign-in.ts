import { apiHandler } from '../../shared/http/handler';
import { parentPortalRoutes } from '../../shared/contract/routes/parent-portal';
import { signIn } from '../../shared/use-cases/parent-sign-in';

export const handler = apiHandler(parentPortalRoutes, 'sign-in', ({ body, sourceIp }) =>
  signIn({ districtId: body.district, userName: body.userName, password: body.password, deviceToken: body.deviceToken, sourceIp }),
);
