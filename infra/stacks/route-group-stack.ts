import { NestedStack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ROUTE_GROUPS, type RouteDefinition, type RouteGroup } from '../../shared/contract/route';
import { RouteFunction, type RouteResources } from '../constructs/route-function';

export interface RouteGroupStackProps {
  /** The group's routes: at least one, every one of this group. */
  routes: readonly RouteDefinition[];
  /** What the routes' functions may be bound to (each takes only what its route declares). */
  resources: RouteResources;
}

/**
 * The functions of one route group, in a nested stack named after the group: a route group is one
 * contract file, one nested stack, one OpenAPI tag. Each route costs this template five resources
 * (function, role, policy, log group, invoke permission) and one output (the function's ARN, for
 * the parent's integration and the monitoring stack); the routes and integrations stay in the
 * parent with the API.
 */
export class RouteGroupStack extends NestedStack {
  readonly group: RouteGroup;
  /** One function per route, by route id. */
  readonly functions: Record<string, RouteFunction> = {};

  constructor(scope: Construct, group: RouteGroup, props: RouteGroupStackProps) {
    if (!(group in ROUTE_GROUPS)) throw new Error(`No route group "${group}" (groups: ${Object.keys(ROUTE_GROUPS).join(', ')})`);
    if (props.routes.length === 0) throw new Error(`Route group ${group} has no routes: make no stack for it`);
    const strangers = props.routes.filter((route) => route.group !== group).map((route) => `${route.id} (${route.group})`);
    if (strangers.length) throw new Error(`The ${group} stack was given routes of other groups: ${strangers.join(', ')}`);
    super(scope, group, { description: `Parent Access: the functions of the ${ROUTE_GROUPS[group]} routes` });
    this.group = group;
    for (const route of props.routes) {
      if (this.functions[route.id]) throw new Error(`Route ${route.id} is given twice`);
      this.functions[route.id] = new RouteFunction(this, route, props.resources);
    }
  }
}

/** Routes by group, in the order of ROUTE_GROUPS; groups without routes are left out. */
export function routesByGroup(routes: readonly RouteDefinition[]): [RouteGroup, RouteDefinition[]][] {
  return (Object.keys(ROUTE_GROUPS) as RouteGroup[])
    .map((group) => [group, routes.filter((route) => route.group === group)] as [RouteGroup, RouteDefinition[]])
    .filter(([, ofGroup]) => ofGroup.length > 0);
}
