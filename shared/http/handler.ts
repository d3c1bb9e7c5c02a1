import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { config } from '../config';
import { logger, useCorrelationId } from '../observability';
import { ValidationError } from '../domain/errors';
import { actorOf, Actor, ParentPrincipal, StaffPrincipal } from '../domain/principal';
import type { School } from '../data/schools';
import type { ParentAccount } from '../data/parents';
import { authorizeDistrictAction, authorizeDistrictOrOwnSchools, authorizeSchoolAction } from '../use-cases/school-scope';
import { requireActiveParent } from '../use-cases/parent-session';
import type { RouteGroupTable, RouteSpec } from '../contract/route';
import { principalFromClaims } from './principal';
import { renderErrors } from './errors';
import { clientAddress } from './client-address';
import { HttpResult, render } from './response';

export { HttpResult } from './response';
export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

type Infer<S> = S extends z.ZodTypeAny ? z.infer<S> : Record<string, never>;
type RequestOf<R> = R extends { request: infer Req } ? Req : object;
type Part<R, K extends string> = RequestOf<R> extends Record<K, infer S> ? Infer<S> : Record<string, never>;

interface Common<R> {
  params: Part<R, 'params'>;
  query: Part<R, 'query'>;
  body: Part<R, 'body'>;
  sourceIp: string;
  /** API Gateway's id of this request: the correlation id of its logs, traces and the jobs it starts. */
  requestId: string;
  /** The invocation's time left (the Lambda context's clock), for work that must not half-finish. */
  budget: { remainingMs(): number };
}

/** Staff of a school route: permissions checked, the school loaded and in the caller's scope. */
interface SchoolCaller { staff: StaffPrincipal; school: School; actor: Actor }
/** Staff of a district route: district-wide staff of that very district. */
interface DistrictCaller { staff: StaffPrincipal; actor: Actor }
/** A parent whose session is current and who has no password change pending. */
interface ParentCaller { principal: ParentPrincipal; parent: ParentAccount; actor: Actor }

type CallerOf<R> = R extends { auth: 'parent' }
  ? ParentCaller
  : R extends { auth: 'staff'; path: `${string}{districtId}${string}` }
    ? DistrictCaller
    : R extends { auth: 'staff' }
      ? SchoolCaller
      : object;

export type RouteInput<R> = Common<R> & CallerOf<R>;

/**
 * What a use case may return for a route: the body its response schema describes (before
 * defaults and transforms, as the contract check parses it), or an HttpResult for another status,
 * headers or a file. A wrong shape fails `npm run typecheck`.
 */
export type RouteOutput<R> = HttpResult | (R extends { response: { schema: infer S } } ? (S extends z.ZodTypeAny ? z.input<S> : never) : never);

/**
 * Builds the handler of a route from its contract: parse path, query and body with the route's
 * schemas (400 with the issues, before any read or write), establish the caller (staff: every
 * permission of the route, then the school or district in scope; parent: a current session and
 * no pending password change), run the use case, render the response. Errors are rendered by
 * the outermost middleware so it sees every failure. A handler file only names its use case.
 */
export function apiHandler<T extends RouteGroupTable, K extends keyof T & string>(
  routes: T,
  routeId: K,
  run: (input: RouteInput<T[K]>) => Promise<RouteOutput<T[K]>>,
) {
  return routeHandler({ id: routeId, ...routes[routeId]! }, run as (input: never) => Promise<unknown>);
}

/** The same for any route, typed loosely: for routes under test that are in no group's table. */
export function routeHandler(route: RouteSpec & { id: string }, run: (input: never) => Promise<unknown>) {
  const routeId = route.id;
  const base = async (event: ApiEvent, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    logger.appendKeys({ route: routeId });
    useCorrelationId(event.requestContext.requestId);
    const request = route.request ?? {};
    const common = {
      params: parse(request.params, event.pathParameters ?? {}, 'path'),
      query: parse(request.query, event.queryStringParameters ?? {}, 'query'),
      body: request.body ? parse(request.body, readJson(event), 'body') : {},
      sourceIp: route.usesClientAddress ? await clientAddress(event) : event.requestContext.http.sourceIp,
      requestId: event.requestContext.requestId,
      budget: { remainingMs: () => context.getRemainingTimeInMillis() },
    };
    const caller = await establishCaller(route, event, common.params as Record<string, string>);
    const result = await run({ ...common, ...caller } as never);
    const rendered = result instanceof HttpResult ? result : new HttpResult(route.response.status, result);
    if (config.CONTRACT_CHECK_RESPONSES) checkResponse(routeId, route, rendered);
    logger.debug('request answered', { status: rendered.status });
    return render(rendered);
  };
  return middy(base)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(renderErrors(route));
}

async function establishCaller(route: RouteSpec, event: ApiEvent, params: Record<string, string>) {
  if (route.auth === 'none') return {};
  const principal = principalFromClaims(event.requestContext.authorizer?.jwt?.claims, route.auth);
  logger.appendKeys({ actorId: principal.id });
  const actor = actorOf(principal);
  if (principal.kind === 'parent') return { principal, parent: await requireActiveParent(principal), actor };
  const permissions = route.permissions ?? [];
  if (params.districtId !== undefined) {
    const authorize = route.schoolStaffToo ? authorizeDistrictOrOwnSchools : authorizeDistrictAction;
    return { ...(await authorize(principal, permissions, params.districtId)), actor };
  }
  return { ...(await authorizeSchoolAction(principal, permissions, params.schoolId!)), actor };
}

/**
 * Tests run with the responses checked against the contract, so the OpenAPI document cannot
 * drift from what the code answers. A mismatch is a bug: it fails the request with a 500.
 */
function checkResponse(routeId: string, route: RouteSpec, result: HttpResult) {
  if (result.status >= 300 || !route.response.schema || result.isBinary) return;
  const checked = route.response.schema.safeParse(result.body);
  if (!checked.success) {
    throw new Error(`Response of ${routeId} breaks its contract: ${JSON.stringify(checked.error.issues.slice(0, 3))}`);
  }
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

const empty = z.object({}).passthrough();

function parse(schema: z.ZodTypeAny | undefined, value: unknown, where: string): unknown {
  const result = (schema ?? empty).safeParse(value);
  if (!result.success) {
    throw new ValidationError(
      `The request ${where} is not valid.`,
      result.error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message })),
    );
  }
  return result.data;
}

