import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    // Responses can carry access codes: never let a browser or proxy cache them.
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}
