import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { logger } from '../observability';
import { ValidationError } from '../domain/errors';
import type { Principal } from '../domain/principal';
import { principalFromClaims } from './principal';
import { renderErrors } from './errors';
import { json } from './response';
import { ROUTES } from './routes';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

export interface RequestInput<P, Q, B> {
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  sourceIp: string;
  /** The invocation's time left (the Lambda context's clock), for work that must not half-finish. */
  budget: { remainingMs(): number };
}

/** What a use case hands back when the default 200 with a JSON body is not the answer. */
export class HttpResult {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

interface Spec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, I> {
  params?: P;
  query?: Q;
  body?: B;
  run(input: I): Promise<unknown>;
}

type Input<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = RequestInput<z.infer<P>, z.infer<Q>, z.infer<B>>;
type PublicInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = Omit<Input<P, Q, B>, 'principal'>;

const empty = z.object({}).passthrough();

/**
 * Builds every HTTP handler the same way: authenticate, validate params, query and body with zod
 * (400 with the issues, before any write), run the use case, render JSON. Cross-cutting concerns
 * are middy middlewares, and the error renderer is the outermost so it sees every failure.
 */
export function apiHandler<P extends z.ZodType = typeof empty, Q extends z.ZodType = typeof empty, B extends z.ZodType = typeof empty>(
  spec: Spec<P, Q, B, Input<P, Q, B>>,
) {
  return buildHandler(spec, true);
}

/** The same, for the few routes that take no token (sign-in, the public key set). */
export function publicApiHandler<P extends z.ZodType = typeof empty, Q extends z.ZodType = typeof empty, B extends z.ZodType = typeof empty>(
  spec: Spec<P, Q, B, PublicInput<P, Q, B>>,
) {
  return buildHandler(spec as Spec<P, Q, B, Input<P, Q, B>>, false);
}

function buildHandler<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(spec: Spec<P, Q, B, Input<P, Q, B>>, authenticated: boolean) {
  const base = async (event: ApiEvent, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const principal = authenticated ? principalFromClaims(event.requestContext.authorizer?.jwt?.claims, routeAuth(event.routeKey)) : undefined;
    logger.appendKeys({ actorId: principal?.id, route: event.routeKey });
    const input: Input<P, Q, B> = {
      principal: principal!,
      params: parse((spec.params ?? empty) as P, event.pathParameters ?? {}, 'path'),
      query: parse((spec.query ?? empty) as Q, event.queryStringParameters ?? {}, 'query'),
      body: parse((spec.body ?? empty) as B, spec.body ? readJson(event) : {}, 'body'),
      sourceIp: event.requestContext.http.sourceIp,
      budget: { remainingMs: () => context.getRemainingTimeInMillis() },
    };
    const result = await spec.run(input);
    return result instanceof HttpResult ? json(result.status, result.body) : json(200, result);
  };
  return middy(base)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(renderErrors());
}

/** Which authorizer guards this route, from the route table (API Gateway's routeKey is "METHOD /path"). */
function routeAuth(routeKey: string): 'staff' | 'parent' {
  const route = ROUTES.find((r) => `${r.method} ${r.path}` === routeKey);
  if (!route || route.auth === 'none') throw new Error(`Route ${routeKey} is not a guarded route of the route table`);
  return route.auth;
}

function readJson(event: ApiEvent): unknown {
  if (!event.body) throw new ValidationError('A JSON body is required.');
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('The body is not valid JSON.');
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(
      `The request ${where} is not valid.`,
      result.error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message })),
    );
  }
  return result.data;
}
