import { z } from 'zod';
import { apiHandler, HttpResult } from '../../shared/http/handler';
import { assertParent } from '../../shared/domain/principal';
import { redeemCode } from '../../shared/use-cases/codes';

export const handler = apiHandler({
  body: z.strictObject({ code: z.string().min(1).max(64) }),
  async run({ principal, body, sourceIp }) {
    const result = await redeemCode(assertParent(principal), body.code, sourceIp);
    return new HttpResult(result.alreadyLinked ? 200 : 201, result);
  },
});
