import { apiHandler, HttpResult } from '../../shared/http/handler';
import { parentPortalRoutes } from '../../shared/contract/routes/parent-portal';
import { redeemCode } from '../../shared/use-cases/codes';

/** 201 when a link is made; 200 when it already existed. */
export const handler = apiHandler(parentPortalRoutes, 'redeem-code', async ({ principal, parent, body, sourceIp }) => {
  const result = await redeemCode(principal, body.code, sourceIp, parent.rosterSchools);
  return result.alreadyLinked ? new HttpResult(200, result) : result;
});
