import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Handlers that break AWS's limits on purpose, for the gateway-fidelity tests. */
export async function handler(event: { rawPath: string }): Promise<APIGatewayProxyStructuredResultV2> {
  if (event.rawPath === '/test/huge-response') return { statusCode: 200, body: 'x'.repeat(6 * 1024 * 1024 + 1) };
  if (event.rawPath === '/test/never-answers') return new Promise(() => undefined);
  return { statusCode: 200, body: '{"ok":true}' };
}
