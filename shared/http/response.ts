import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * What a use case hands back when the route's default (its declared status, a JSON body) is not
 * the answer: another status, extra headers, or a binary body (a CSV or PDF file).
 */
export class HttpResult {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
    /** Set by `HttpResult.file`: the body is bytes, sent base64-encoded as Lambda requires. */
    readonly isBinary = false,
  ) {}

  static file(status: number, bytes: Uint8Array, contentType: string, headers: Record<string, string> = {}): HttpResult {
    return new HttpResult(status, Buffer.from(bytes), { 'content-type': contentType, ...headers }, true);
  }

  /** A file the browser saves under its name rather than shows. */
  static download(file: { name: string; contentType: string; bytes: Uint8Array }): HttpResult {
    return HttpResult.file(200, file.bytes, file.contentType, { 'content-disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"` });
  }
}

// Responses can carry access codes: never let a browser or proxy cache them.
const NO_STORE = { 'cache-control': 'no-store' };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode: status, headers: { 'content-type': 'application/json', ...NO_STORE, ...headers }, body: JSON.stringify(body) };
}

/**
 * Lambda's proxy response: binary bodies travel base64-encoded with `isBase64Encoded`, and API
 * Gateway decodes them for the client (API Gateway Developer Guide, "Working with AWS Lambda
 * proxy integrations for HTTP APIs", payload format 2.0 response).
 */
export function render(result: HttpResult): APIGatewayProxyStructuredResultV2 {
  if (!result.isBinary) return json(result.status, result.body, result.headers);
  return {
    statusCode: result.status,
    headers: { ...NO_STORE, ...result.headers },
    body: (result.body as Buffer).toString('base64'),
    isBase64Encoded: true,
  };
}
