import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ROUTES } from './routes';
import { refusalStatuses, ROUTE_GROUPS, type RouteDefinition } from './route';
import { errorBody, gatewayErrorBody } from './schemas';

extendZodWithOpenApi(z);

type Document = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const SECURITY = {
  staff: {
    name: 'staffToken',
    scheme: {
      type: 'http' as const,
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'A staff access token from the staff identity provider (Cognito, or the configured issuer): RS256, with `district`, `schools` and `permissions` claims. API Gateway verifies it before any function runs.',
    },
  },
  parent: {
    name: 'parentToken',
    scheme: {
      type: 'http' as const,
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'A parent session token from POST /auth/sign-in or /auth/new-password (RS256, issuer in /.well-known/openid-configuration).',
    },
  },
};

/** Why each refusal happens, per status. Bodies are `{ error: { code, message, details? } }`. */
const REFUSALS: Record<number, string> = {
  401: 'The credentials or the session are not valid (INVALID_CREDENTIALS, UNAUTHENTICATED)',
  422: 'The request is well formed but cannot be carried out for these records (NO_DEFAULT_PASSWORD lists them)',
  400: 'The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD',
  403: 'The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED)',
  404: 'Unknown id, or one outside the caller\'s school or district (NOT_FOUND): the two are never told apart',
  409: 'A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code)',
  429: 'Too many failed attempts (TOO_MANY_ATTEMPTS); the `retry-after` header says when to try again',
  503: 'The work would not fit in the time API Gateway allows (TIME_BUDGET_EXCEEDED); nothing was changed',
};

let cached: Document | undefined;

/** The OpenAPI 3.1 document, generated from the route table (or, in tests, from other routes). */
export function openApiDocument(routes: readonly RouteDefinition[] = ROUTES): Document {
  if (routes !== ROUTES) return generate(routes);
  cached ??= generate(routes);
  return cached;
}

function generate(routes: readonly RouteDefinition[]): Document {
  const registry = new OpenAPIRegistry();
  const error = registry.register('Error', errorBody);
  const gatewayError = registry.register('GatewayError', gatewayErrorBody);
  for (const kind of ['staff', 'parent'] as const) registry.registerComponent('securitySchemes', SECURITY[kind].name, SECURITY[kind].scheme);

  for (const route of routes) {
    const request = route.request ?? {};
    const responses: Record<string, ResponseConfig> = {
      [route.response.status]: {
        description: route.response.description,
        content: { [route.response.contentType ?? 'application/json']: { schema: route.response.schema ?? z.string() } },
      },
    };
    for (const status of refusalStatuses(route)) responses[status] = { description: REFUSALS[status]!, content: { 'application/json': { schema: error } } };
    if (responses[429]) responses[429].headers = z.object({ 'retry-after': z.string().regex(/^\d+$/).describe('Seconds') });
    if (route.auth !== 'none') {
      responses[401] = {
        description: 'No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED)',
        content: { 'application/json': { schema: z.union([gatewayError, error]) } },
      };
    }
    registry.registerPath({
      operationId: camel(route.id),
      method: route.method.toLowerCase() as 'get',
      path: route.path,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [ROUTE_GROUPS[route.group]],
      ...(route.auth === 'none' ? { security: [] } : { security: [{ [SECURITY[route.auth].name]: [] }] }),
      request: {
        ...(request.params ? { params: request.params as z.AnyZodObject } : {}),
        ...(request.query ? { query: request.query as z.AnyZodObject } : {}),
        ...(request.body
          ? { body: { required: true, content: { 'application/json': { schema: request.body, ...(route.example?.body ? { example: route.example.body } : {}) } } } }
          : {}),
      },
      responses,
    });
  }

  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Parent Access API',
      version: '1.0.0',
      description:
        'School staff control which parents can see which students: access codes, parent links, parent portal accounts and bulk jobs. ' +
        'Paged lists answer `{ items, nextCursor }`: pass `nextCursor` back as `cursor` for the next page; no `nextCursor` means the last page.',
    },
    tags: [...new Set(routes.map((r) => r.group))].map((group) => ({ name: ROUTE_GROUPS[group] })),
  });
  addParameterExamples(document, routes);
  return document;
}

/** Path and query examples from the route table, on each operation's parameters. */
function addParameterExamples(document: Document, routes: readonly RouteDefinition[]) {
  for (const route of routes) {
    const operation = document.paths?.[route.path]?.[route.method.toLowerCase() as 'get'];
    for (const parameter of (operation?.parameters ?? []) as { in: string; name: string; example?: unknown; schema?: { type?: string } }[]) {
      const value = (parameter.in === 'path' ? route.example?.params : route.example?.query)?.[parameter.name];
      if (value === undefined) continue;
      // Query strings are text; the document shows the typed value its schema describes.
      parameter.example = parameter.schema?.type === 'integer' || parameter.schema?.type === 'number' ? Number(value) : value;
    }
  }
}

function camel(id: string): string {
  return id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}
