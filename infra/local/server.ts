import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ROUTES } from '../../shared/contract/routes';
import type { RouteDefinition } from '../../shared/contract/route';
import { DEV_AUDIENCE, DEV_ISSUER, devStaffJwks } from './dev-auth';
import { createJwtAuthorizer } from './jwt-authorizer';
import { PARENT_AUDIENCE, tokenSigner } from '../../shared/auth/tokens';
import { config, localBindings } from '../../shared/config';
import { lambdaContext } from './lambda-context';
import { listenOnPort, type PortRequest } from './dynamodb-local';

/**
 * A local stand-in for API Gateway's HTTP API: matches the declared routes, verifies the bearer
 * token with the route's JWT authorizer exactly as API Gateway would (401 before the function
 * runs), turns the request into a payload v2 event and calls the very handler module that Lambda
 * runs. It enforces the limits a user would meet in AWS (see `AWS_LIMITS`).
 *
 * Handlers read their config at import, so the environment must be set before the first request.
 */
export interface LocalServerOptions {
  /** No port: a free one. A number: that port, or an error if it is taken. A request: see `PortRequest`. */
  port?: number | PortRequest;
  host?: string;
  /**
   * Take the source address from X-Forwarded-For. Only for tests, which need distinct addresses
   * to exercise per-address throttling; API Gateway sets sourceIp itself.
   */
  trustForwardedFor?: boolean;
  /** Tests shorten the integration timeout to prove what happens when it passes. */
  integrationTimeoutMs?: number;
  /** The declared routes by default; tests add handlers that misbehave on purpose. */
  routes?: readonly RouteDefinition[];
  /** Serves what no API route matches: the console and the local staff sign-in (console-host.ts). */
  console?: (req: IncomingMessage, res: ServerResponse, url: URL, origin: string) => Promise<boolean>;
}

/**
 * What AWS refuses, with the document that says so:
 * - API Gateway Developer Guide, "Quotas for configuring and running an HTTP API": payload size
 *   10 MB; maximum integration timeout 30 seconds.
 * - Lambda Developer Guide, "Lambda quotas": invocation payload (request and response) 6 MB each
 *   for synchronous invocation. The whole event counts, not just the body.
 */
export const AWS_LIMITS = {
  requestPayloadBytes: 10 * 1024 * 1024,
  lambdaPayloadBytes: 6 * 1024 * 1024,
  integrationTimeoutMs: 30_000,
};

/** API Gateway answers these itself, in its own `{"message": …}` shape, not ours. */
const GATEWAY = {
  unauthorized: { statusCode: 401, body: '{"message":"Unauthorized"}' },
  tooLarge: { statusCode: 413, body: '{"message":"Request Entity Too Large"}' },
  integrationFailed: { statusCode: 500, body: '{"message":"Internal Server Error"}' },
  timeout: { statusCode: 503, body: '{"message":"Service Unavailable"}' },
  notFound: { statusCode: 404, body: '{"message":"Not Found"}' },
  misdirected: { statusCode: 421, body: '{"message":"Misdirected Request"}' },
};

/** The loopback names, with the port we listen on (a browser always sends it when it is not 80), or the host we were told to listen on. */
export function ownHost(host: string | undefined, port: number, listening?: string): boolean {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', ...(listening ? [listening.includes(':') ? `[${listening}]` : listening] : [])]);
  const parsed = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d+))?$/i.exec(host ?? '');
  if (!parsed) return false;
  const [, name, given] = parsed;
  return names.has(name!.toLowerCase()) && Number(given ?? 80) === port;
}

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  names: string[];
}

export async function startLocalServer(options: LocalServerOptions = {}): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const routes: CompiledRoute[] = (options.routes ?? ROUTES).map((route) => {
    const names: string[] = [];
    const pattern = new RegExp(
      '^' + route.path.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)')) + '$',
    );
    return { route, pattern, names };
  });

  const authorizers = localAuthorizers();
  let port = 0;
  const server = createServer((req, res) => {
    // DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 reaches this
    // server as same-origin and could sign in as the local dev staff (district-wide). Its
    // requests carry its own Host, so only our own names are answered (421, as for a request
    // that reached a server not configured for its host, RFC 9110 §15.5.20).
    if (!ownHost(req.headers.host, port, options.host)) return send(res, GATEWAY.misdirected);
    handle(routes, authorizers, req, res, options).catch((error: Error) => {
      // The stand-in itself failed (not a handler, which renders its own errors).
      console.error('local server error:', error.stack);
      send(res, GATEWAY.integrationFailed);
    });
  });
  // Idle keep-alive connections outlive the client's (fetch/undici drops its own after 4 s): with
  // Node's 5 s default, a request sent on a socket the server is just closing fails with
  // ECONNRESET, which neither API Gateway nor a real client would see.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const request = typeof options.port === 'number' ? { port: options.port, explicit: true, label: 'port' } : options.port;
  // The port it really listens on: the console's sign-in redirects and the printed URLs use it.
  port = await listenOnPort(server, request, options.host ?? '127.0.0.1');
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    server,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

async function handle(routes: CompiledRoute[], authorizers: LocalAuthorizers, req: IncomingMessage, res: ServerResponse, options: LocalServerOptions) {
  const url = new URL(req.url ?? '/', 'http://local');
  const method = req.method ?? 'GET';
  const match = mostSpecific(
    routes
      .filter((r) => r.route.method === method)
      .map((r) => ({ r, route: r.route, m: r.pattern.exec(url.pathname) }))
      .filter((x) => x.m),
  );
  if (!match?.m) {
    if (options.console && (await options.console(req, res, url, `http://${req.headers.host}`))) return;
    return send(res, GATEWAY.notFound);
  }

  let claims: Record<string, unknown> | undefined;
  if (match.r.route.auth !== 'none') {
    const verdict = await authorizers[match.r.route.auth](req.headers.authorization);
    if (!verdict.ok) return send(res, GATEWAY.unauthorized);
    claims = verdict.claims;
  }

  const body = await readBody(req, AWS_LIMITS.requestPayloadBytes);
  if (body === undefined) return send(res, GATEWAY.tooLarge);

  const binary = !isTextContent(req.headers['content-type']);
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
    body: body.length ? body.toString(binary ? 'base64' : 'utf8') : undefined,
    isBase64Encoded: binary && body.length > 0,
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
  if (Buffer.byteLength(JSON.stringify(event)) > AWS_LIMITS.lambdaPayloadBytes) return send(res, GATEWAY.tooLarge);
  // Only the tables and actions the stack grants this route's function (shared/config.ts, localBindings).
  const bound = { functionName: match.r.route.id, tables: match.r.route.tables };
  const invocation = localBindings.run(bound, () => module.handler(event, lambdaContext(match.r.route.id)));
  const result = await withTimeout(invocation, options.integrationTimeoutMs ?? AWS_LIMITS.integrationTimeoutMs);
  if (result === 'timeout') return send(res, GATEWAY.timeout);
  // A response over Lambda's limit fails the invocation; API Gateway then answers 500.
  if (Buffer.byteLength(JSON.stringify(result)) > AWS_LIMITS.lambdaPayloadBytes) return send(res, GATEWAY.integrationFailed);
  send(res, result);
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((done) => (timer = setTimeout(() => done('timeout'), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type LocalAuthorizers = Record<'staff' | 'parent', ReturnType<typeof createJwtAuthorizer>>;

/**
 * The two authorizers the CDK stack configures: staff tokens from the staff issuer (the dev
 * issuer locally, Cognito in AWS), parent tokens from this service's own sign-in.
 */
function localAuthorizers(): LocalAuthorizers {
  return {
    staff: createJwtAuthorizer({ issuer: DEV_ISSUER, audiences: [DEV_AUDIENCE], jwks: devStaffJwks }),
    parent: createJwtAuthorizer({
      issuer: config.PARENT_TOKEN_ISSUER,
      audiences: [PARENT_AUDIENCE],
      jwks: async () => [await (await tokenSigner()).publicJwk()],
    }),
  };
}

/** API Gateway passes claims as strings and flattens arrays to "[a b c]"; so do we. */
function flattenClaims(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
  );
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A base64 response body (a file) goes out as bytes, as API Gateway decodes it. */
function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2) {
  if (res.headersSent) return;
  res.writeHead(result.statusCode ?? 200, {
    'content-type': 'application/json',
    ...(result.headers as Record<string, string> | undefined),
  });
  res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
}

/**
 * API Gateway's route selection (Developer Guide, "Create routes for HTTP APIs", section
 * "Routing API requests"): the most specific route wins. Compared segment by segment from the
 * left, a literal segment beats a path variable, which beats a greedy `{proxy+}` variable.
 */
export function mostSpecific<T extends { route: { path: string } }>(candidates: T[]): T | undefined {
  const rank = (segment: string) => (segment.endsWith('+}') ? 2 : segment.startsWith('{') ? 1 : 0);
  return [...candidates].sort((a, b) => {
    const left = a.route.path.split('/');
    const right = b.route.path.split('/');
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
      const difference = rank(left[i]!) - rank(right[i]!);
      if (difference !== 0) return difference;
    }
    return right.length - left.length;
  })[0];
}

/**
 * Payload format 2.0 carries text bodies as they are and anything else base64-encoded with
 * `isBase64Encoded` (Developer Guide, "Create AWS Lambda proxy integrations for HTTP APIs").
 */
export function isTextContent(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return !type || type.startsWith('text/') || /^application\/([\w.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded)$/.test(type);
}
