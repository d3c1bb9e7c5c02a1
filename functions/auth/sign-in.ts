import { z } from 'zod';
import { publicApiHandler } from '../../shared/http/handler';
import { id } from '../../shared/http/schemas';
import { signIn } from '../../shared/use-cases/parent-accounts';

export const handler = publicApiHandler({
  body: z.strictObject({
    district: id,
    userName: z.string().min(1).max(64),
    password: z.string().min(1).max(1024),
    deviceToken: z.string().min(1).max(4096).optional(),
  }),
  async run({ body, sourceIp }) {
    return signIn({ districtId: body.district, userName: body.userName, password: body.password, deviceToken: body.deviceToken, sourceIp });
  },
});
