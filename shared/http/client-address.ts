import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { originSecret } from '../secrets';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../contract/edge-headers';

/**
 * The caller's address. Behind CloudFront, API Gateway sees CloudFront's address, so the
 * distribution passes the viewer's address in a header; it is believed only when the request
 * also carries the distribution's secret origin header. A request straight to the API endpoint
 * (no secret) is judged by the address API Gateway saw, whatever headers it sends.
 *
 * The exact address, as the audit records it; the per-address limits count its block (an IPv6
 * /64: shared/domain/address-block.ts), where the throttle keys are built.
 */
export async function clientAddress(event: Pick<APIGatewayProxyEventV2, 'headers' | 'requestContext'>): Promise<string> {
  const seen = event.requestContext.http.sourceIp;
  const claimed = event.headers?.[VIEWER_ADDRESS_HEADER];
  const proof = event.headers?.[ORIGIN_VERIFY_HEADER];
  if (!claimed || !proof || isIP(claimed) === 0) return seen;
  const secret = await originSecret();
  if (!secret || !sameText(proof, secret)) return seen;
  return claimed;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
