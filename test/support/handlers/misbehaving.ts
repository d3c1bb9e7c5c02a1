import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpResult, render } from '../../../shared/http/response';

/** Handlers that break AWS's limits on purpose, or echo what the gateway handed them, for the gateway-fidelity tests. */
export async function handler(event: { rawPath: string; routeKey: string; body?: string; isBase64Encoded: boolean }): Promise<APIGatewayProxyStructuredResultV2> {
  if (event.rawPath === '/test/huge-response') return { statusCode: 200, body: 'x'.repeat(6 * 1024 * 1024 + 1) };
  if (event.rawPath === '/test/never-answers') return new Promise(() => undefined);
  if (event.rawPath === '/test/file') return render(HttpResult.file(200, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]), 'application/pdf', { 'content-disposition': 'attachment; filename="letters.pdf"' }));
  return { statusCode: 200, body: JSON.stringify({ routeKey: event.routeKey, isBase64Encoded: event.isBase64Encoded, body: event.body }) };
}
