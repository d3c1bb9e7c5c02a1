import { ROUTE_GROUPS, type RouteDefinition, type RouteGroup, type RouteGroupTable, type RouteSpec } from './route';
import { codesAndLinksRoutes } from './routes/codes-and-links';
import { exportsAndLettersRoutes } from './routes/exports-and-letters';
import { parentAccountsRoutes } from './routes/parent-accounts';
import { jobsAndSchedulesRoutes } from './routes/jobs-and-schedules';
import { rosterAndSchoolsRoutes } from './routes/roster-and-schools';
import { auditRoutes } from './routes/audit';
import { parentPortalRoutes } from './routes/parent-portal';
import { invitationRoutes } from './routes/invitations';
import { passkeyRoutes } from './routes/passkeys';

/**
 * Every HTTP route, declared once in the contract file of its group (routes/<group>.ts) and
 * joined here for what needs them all: the CDK stack, the local server, the OpenAPI document and
 * the generated tests. A handler imports its own group's file, never this index, so a function
 * bundles only its group's routes. Order matters only for the documentation.
 */
export const ROUTE_GROUP_TABLES = {
  'codes-and-links': codesAndLinksRoutes,
  'exports-and-letters': exportsAndLettersRoutes,
  'parent-accounts': parentAccountsRoutes,
  'jobs-and-schedules': jobsAndSchedulesRoutes,
  'roster-and-schools': rosterAndSchoolsRoutes,
  audit: auditRoutes,
  'parent-portal': parentPortalRoutes,
  invitations: invitationRoutes,
  passkeys: passkeyRoutes,
} as const satisfies Record<RouteGroup, RouteGroupTable>;

export const ROUTES: readonly RouteDefinition[] = (Object.keys(ROUTE_GROUPS) as RouteGroup[]).flatMap((group) =>
  Object.entries(ROUTE_GROUP_TABLES[group] as RouteGroupTable).map(([id, spec]) => ({ id, group, ...(spec as RouteSpec) })),
);

// Route ids name functions: one id in two groups would make two functions of one name.
const seen = new Set<string>();
for (const route of ROUTES) {
  if (seen.has(route.id)) throw new Error(`Route id ${route.id} is declared in two groups`);
  seen.add(route.id);
}

export function routeById(routeId: string): RouteDefinition {
  const route = ROUTES.find((r) => r.id === routeId);
  if (!route) throw new Error(`No route ${routeId} in the route table`);
  return route;
}

/** API Gateway's routeKey is "METHOD /path". */
export function routeByKey(routeKey: string): RouteDefinition | undefined {
  return ROUTES.find((r) => `${r.method} ${r.path}` === routeKey);
}

export function routesOfGroup(group: RouteGroup): RouteDefinition[] {
  return ROUTES.filter((route) => route.group === group);
}
