import { z } from 'zod';
import type { RouteDefinition } from '../../shared/contract/route';

/*
 * Requests built from the route table, so tests cover a new route with no edit: the route's own
 * example, pointed at a test world, and the field names its schemas declare.
 */

export interface ExampleRequest {
  method: RouteDefinition['method'];
  path: string;
  body?: unknown;
}

/** The route's example request, with the school and district of the given world. */
export function exampleRequest(route: RouteDefinition, scope: { schoolId: string; districtId: string }): ExampleRequest {
  const values: Record<string, string> = { ...route.example?.params, schoolId: scope.schoolId, districtId: scope.districtId };
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (values[name] === undefined) throw new Error(`Route ${route.id} has no example value for {${name}}`);
    return encodeURIComponent(values[name]!);
  });
  const query = new URLSearchParams(route.example?.query ?? {}).toString();
  const body = route.request?.body ? (route.example?.body ?? {}) : undefined;
  return { method: route.method, path: query ? `${path}?${query}` : path, body };
}

/** The field names of an object schema (or of every member of a discriminated union), through defaults, optionals and refinements. */
export function fieldsOf(schema: z.ZodTypeAny | undefined): string[] {
  const object = unwrap(schema);
  if (object instanceof z.ZodDiscriminatedUnion) return [...new Set((object.options as z.ZodTypeAny[]).flatMap(fieldsOf))];
  return object instanceof z.ZodObject ? Object.keys(object.shape as object) : [];
}

function unwrap(schema: z.ZodTypeAny | undefined): z.ZodTypeAny | undefined {
  if (schema instanceof z.ZodEffects) return unwrap(schema.innerType());
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) return unwrap(schema._def.innerType);
  return schema;
}
