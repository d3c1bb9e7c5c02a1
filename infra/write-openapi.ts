import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApiDocument } from '../shared/contract/openapi';
import { ROUTES } from '../shared/contract/routes';
import { refusalStatuses, ROUTE_GROUPS, type RouteDefinition } from '../shared/contract/route';

/**
 * `npm run openapi`: writes the API document generated from the route table to openapi.json, the
 * console's typed client types generated from that document (openapi-typescript), and the route
 * reference docs/api.md. Tests fail while any of the three is stale.
 */
export const OPENAPI_FILE = resolve(__dirname, '..', 'openapi.json');
export const CONSOLE_TYPES_FILE = resolve(__dirname, '..', 'console', 'src', 'api', 'schema.d.ts');
export const API_DOCS_FILE = resolve(__dirname, '..', 'docs', 'api.md');

export function renderOpenApi(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}

export async function renderConsoleTypes(): Promise<string> {
  // Loaded on use: openapi-typescript is ESM throughout, which jest (CommonJS) cannot load.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const header = '// Generated from openapi.json by `npm run openapi` (openapi-typescript). Do not edit.\n';
  return header + astToString(await openapiTS(JSON.parse(renderOpenApi()) as Parameters<typeof openapiTS>[0]));
}

/**
 * docs/api.md: one table per route group (the OpenAPI tag), with what each route needs and may
 * refuse, and what each refusal means, taken from the OpenAPI document so the two cannot differ.
 * Hand-written route lists drifted from the code; this one is regenerated with the contract.
 */
export function renderApiDocs(routes: readonly RouteDefinition[] = ROUTES): string {
  const groups = new Map<string, RouteDefinition[]>();
  for (const route of routes) {
    const title = groupTitle(route);
    groups.set(title, [...(groups.get(title) ?? []), route]);
  }
  const lines = [
    '# API reference',
    '',
    'Every route of the API, by route group: what it takes, who may call it, what it needs, and what it may refuse.',
    '',
    '<!-- Generated from the route table (shared/contract/routes) by `npm run openapi`. Do not edit: a test fails while it is stale. -->',
    '',
    '## Contents',
    '',
    '- [Conventions](#conventions)',
    '- [Refusals](#refusals)',
    ...[...groups.keys()].map((title) => `- [${title}](#${slug(title)})`),
    '',
    ...CONVENTIONS,
    '',
    '## Refusals',
    '',
    'What each refusal status means (`Refusals` in the tables below lists the ones each route may answer; tests fail on any other):',
    '',
    '| Status | Meaning |',
    '|---|---|',
    ...[...refusalMeanings(routes)].sort(([a], [b]) => a - b).map(([status, meanings]) => `| ${status} | ${cell(meanings.join('; or: '))} |`),
  ];
  for (const [title, members] of groups) {
    lines.push('', `## ${title}`, '', '| Method | Path | Takes | Auth | Permissions | Summary | OK | Refusals |', '|---|---|---|---|---|---|---|---|');
    for (const route of members) {
      const permissions = route.permissions?.map((p) => `\`${p}\``).join(' and ') ?? '—';
      const summary = route.description ? `${route.summary}. ${route.description}` : route.summary;
      lines.push(`| ${route.method} | \`${route.path}\` | ${cell(takes(route, routes))} | ${route.auth} | ${permissions} | ${cell(summary)} | ${route.response.status} | ${refusalStatuses(route).join(', ')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A JSON schema as the OpenAPI document has it (zod-to-openapi writes every request schema inline). */
type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; maxItems?: number; default?: unknown; enum?: unknown[]; oneOf?: JsonSchema[] };

/**
 * What a route takes besides its path: its query parameters (`?q=&limit=`) and its body's
 * fields (`{studentIds[≤500], reason?}`: `?` optional, `[≤n]` a list of at most n), from the
 * OpenAPI document. A body of one shape per `type` lists the shared fields, then each type's own.
 */
function takes(route: RouteDefinition, routes: readonly RouteDefinition[]): string {
  const operation = (openApiDocument(routes).paths?.[route.path] as Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }> | undefined)?.[route.method.toLowerCase()];
  const query = (operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => `${p.name}=`);
  const body = operation?.requestBody?.content?.['application/json']?.schema;
  const parts = [...(query.length ? [`\`?${query.join('&')}\``] : []), ...(body ? [bodyShape(body)] : [])];
  return parts.join(' ') || '—';
}

function bodyShape(schema: JsonSchema): string {
  if (!schema.oneOf) return `\`${objectShape(schema)}\``;
  // One shape per value of `type`: the fields every shape has, then what each type adds.
  const keys = (variant: JsonSchema) => Object.keys(variant.properties ?? {});
  const shared = keys(schema.oneOf[0]!).filter((key) => schema.oneOf!.every((variant) => keys(variant).includes(key)));
  const common = objectShape({ ...schema.oneOf[0]!, properties: Object.fromEntries(shared.map((key) => [key, schema.oneOf![0]!.properties![key]!])) });
  const byExtras = new Map<string, string[]>();
  for (const variant of schema.oneOf) {
    const extras = keys(variant).filter((key) => !shared.includes(key));
    if (!extras.length) continue;
    const shape = extras.map((key) => field(key, variant)).join(', ');
    byExtras.set(shape, [...(byExtras.get(shape) ?? []), String(variant.properties?.type?.enum?.[0])]);
  }
  const own = [...byExtras].map(([shape, types]) => `${types.map((t) => `\`${t}\``).join(', ')} \`${shape}\``);
  return `\`${common}\`${own.length ? `; by \`type\`: ${own.join('; ')}` : ''}`;
}

function objectShape(schema: JsonSchema): string {
  return `{${Object.keys(schema.properties ?? {}).map((key) => field(key, schema)).join(', ')}}`;
}

function field(key: string, parent: JsonSchema): string {
  const schema = parent.properties![key]!;
  const optional = parent.required?.includes(key) ? '' : '?';
  if (schema.type === 'array') return `${key}${optional}[${schema.maxItems !== undefined ? `≤${schema.maxItems}` : ''}]`;
  if (schema.type === 'object' && schema.properties) return `${key}${optional}: ${objectShape(schema)}`;
  return `${key}${optional}`;
}

/** What every route shares, written once here rather than per route. */
const CONVENTIONS = [
  '## Conventions',
  '',
  '- **The contract is [`openapi.json`](../openapi.json)** (OpenAPI 3.1), generated from the same route table and served by the API itself at `GET /openapi.json` (also by `npm start`). It gives every route\'s parameters, body and response schemas with an example request, its security scheme, and every refusal it can answer; this page is the tour.',
  '- **Auth**: `staff` routes take a staff JWT, `parent` routes a parent session token, each verified by the route\'s API Gateway JWT authorizer before any function runs; `none` routes (sign-in, the new-password step, key discovery and the API document) take no token. How tokens are made and checked: [Tokens and claims](security-model.md#tokens-and-claims).',
  '- **Permissions** are checked for the school (or district) of the path before the use case runs: a missing one is 403, an id outside the caller\'s schools is 404 (we never reveal that it exists elsewhere). District-wide staff have `schools: *`.',
  '- **Takes**: the query parameters (`?q=&limit=`) and the JSON body\'s fields (`{studentIds[≤500], reason?}`: `?` marks an optional field, `[≤n]` a list of at most n); the types, limits and examples are in `openapi.json`.',
  '- **Paged lists** answer `{ items, nextCursor }`; pass `nextCursor` back as `cursor` for the next page.',
  '- **The gateway\'s own refusals** come in its own shape: 401 `{"message":"Unauthorized"}` (missing, forged, expired, wrong issuer/audience/algorithm, or a parent token on a staff route and vice versa), 413 `{"message":"Request Entity Too Large"}`, 503 past the 30 s integration timeout, 404 `{"message":"Not Found"}` for a route that does not exist.',
  '- **Past the gateway**, errors are `{ "error": { "code", "message", "details"? } }`: 403 missing permission, 404 for ids outside the caller\'s schools, 400 bad input (nothing written), 409 conflicts, 429 too many failed attempts (with `Retry-After`), 503 `TIME_BUDGET_EXCEEDED` (nothing written), 500 without internals.',
  '- **One route, one declaration**: each route is declared once, in its group\'s contract file; the stack, the local server, the handler factory, this page and the tests all read it. See [decisions](decisions.md#one-route-one-declaration).',
];

/** The route's group title (ROUTE_GROUPS), or its first OpenAPI tag where routes carry no group. */
function groupTitle(route: RouteDefinition): string {
  const group = (route as { group?: string }).group ?? (route as { tags?: readonly string[] }).tags?.[0] ?? 'Other';
  return (ROUTE_GROUPS as Record<string, string>)[group] ?? group;
}

/** Each refusal status and its meanings, as the OpenAPI document words them (401 has two: gateway and session). */
function refusalMeanings(routes: readonly RouteDefinition[]): Map<number, string[]> {
  const document = openApiDocument(routes);
  const meanings = new Map<number, string[]>();
  for (const route of routes) {
    const responses = (document.paths?.[route.path] as Record<string, { responses?: Record<string, { description?: string }> }> | undefined)?.[route.method.toLowerCase()]?.responses ?? {};
    for (const status of refusalStatuses(route)) {
      const description = responses[status]?.description;
      const known = meanings.get(status) ?? [];
      if (description && !known.includes(description)) meanings.set(status, [...known, description]);
    }
  }
  return meanings;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** A table cell: no line breaks, and pipes escaped so they do not end the cell. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

if (require.main === module) {
  void (async () => {
    // The drift test asks for the types on stdout (openapi-typescript is ESM all the way down; jest is not).
    if (process.argv.includes('--print-console-types')) return void process.stdout.write(await renderConsoleTypes());
    writeFileSync(OPENAPI_FILE, renderOpenApi());
    writeFileSync(CONSOLE_TYPES_FILE, await renderConsoleTypes());
    writeFileSync(API_DOCS_FILE, renderApiDocs());
    console.log(`wrote ${OPENAPI_FILE}, ${CONSOLE_TYPES_FILE} and ${API_DOCS_FILE}`);
  })();
}
