import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ROUTES, RouteDefinition } from '../routes';
import { verifyDevToken } from './dev-auth';
import { lambdaContext } from './lambda-context';

/**
 * A local stand-in for API Gateway's HTTP API: matches the declared routes, verifies the bearer
 * token as the JWT authorizer would (401 before the function runs), turns the request into a
 * payload v2 event and calls the very handler module that Lambda runs.
 *
 * Handlers read their config at import, so the environment must be set before the first request.
 */
export interface LocalServerOptions {
  port?: number;
  host?: string;
  /**
   * Take the source address from X-Forwarded-For. Only for tests, which need distinct addresses
   * to exercise per-address throttling; API Gateway sets sourceIp itself.
   */
  trustForwardedFor?: boolean;
}

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  names: string[];
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function startLocalServer(options: LocalServerOptions = {}): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const routes: CompiledRoute[] = ROUTES.map((route) => {
    const names: string[] = [];
    const pattern = new RegExp(
      '^' + route.path.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)')) + '$',
    );
    return { route, pattern, names };
  });

  const server = createServer((req, res) => {
    handle(routes, req, res, options).catch((error: Error) => {
      // The stand-in itself failed (not a handler, which renders its own errors).
      console.error('local server error:', error.stack);
      send(res, { statusCode: 500, body: '{"message":"Internal Server Error"}' });
    });
  });
  await new Promise<void>((ready) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', ready));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    server,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

async function handle(routes: CompiledRoute[], req: IncomingMessage, res: ServerResponse, options: LocalServerOptions) {
  const url = new URL(req.url ?? '/', 'http://local');
  const method = req.method ?? 'GET';
  const match = routes
    .filter((r) => r.route.method === method)
    .map((r) => ({ r, m: r.pattern.exec(url.pathname) }))
    .find((x) => x.m);
  if (!match?.m) return send(res, { statusCode: 404, body: errorBody('NOT_FOUND', 'No such route.') });

  let claims: Record<string, unknown> | undefined;
  if (match.r.route.auth !== 'none') {
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    claims = token ? await verifyLocalToken(token) : undefined;
    if (!claims) return send(res, { statusCode: 401, body: errorBody('UNAUTHENTICATED', 'A valid bearer token is required.') });
  }

  const body = await readBody(req);
  if (body === undefined) return send(res, { statusCode: 413, body: errorBody('TOO_LARGE', 'The body is too large.') });

  const pathParameters = Object.fromEntries(
    match.r.names.map((name, i) => [name, decodeURIComponent(match.m![i + 1]!)]),
  );
  const forwarded = options.trustForwardedFor ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim() : '';
  const event = {
    version: '2.0',
    routeKey: `${method} ${match.r.route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v ?? ''])),
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
    pathParameters: match.r.names.length ? pathParameters : undefined,
    body: body.length ? body.toString('utf8') : undefined,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      requestId: randomUUID(),
      routeKey: `${method} ${match.r.route.path}`,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
      http: {
        method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: forwarded || req.socket.remoteAddress || '127.0.0.1',
        userAgent: req.headers['user-agent'] ?? '',
      },
      ...(claims ? { authorizer: { jwt: { claims: flattenClaims(claims), scopes: [] }, principalId: '', integrationLatency: 0 } } : {}),
    },
  };
  const module = require(resolve(__dirname, '../..', match.r.route.entry)) as {
    handler: (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
  };
  const result = await module.handler(event, lambdaContext(match.r.route.id));
  send(res, result);
}

/**
 * What the API's authorizers accept: dev tokens (HS256, `npm run token`) and the parent session
 * tokens this service issues at sign-in (ES256, checked against its own public key).
 */
async function verifyLocalToken(token: string): Promise<Record<string, unknown> | undefined> {
  const dev = await verifyDevToken(token);
  if (dev) return dev;
  if (!process.env.PARENT_SIGNING_KEY) return undefined;
  const { verifyIssuedToken, PARENT_AUDIENCE } = await import('../../shared/auth/tokens');
  return verifyIssuedToken(token, PARENT_AUDIENCE).catch(() => undefined);
}

/** API Gateway passes claims as strings and flattens arrays to "[a b c]"; so do we. */
function flattenClaims(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
  );
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2) {
  if (res.headersSent) return;
  res.writeHead(result.statusCode ?? 200, {
    'content-type': 'application/json',
    ...(result.headers as Record<string, string> | undefined),
  });
  res.end(result.body ?? '');
}
