import { apiHandler } from '../../shared/http/handler';
import { signIn } from '../../shared/use-cases/parent-accounts';

export const handler = apiHandler('sign-in', ({ body, sourceIp }) =>
  signIn({ districtId: body.district, userName: body.userName, password: body.password, deviceToken: body.deviceToken, sourceIp }),
);
