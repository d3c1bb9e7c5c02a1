import type { z } from 'zod';
import type { Permission } from '../domain/principal';
import type { TableName } from '../data/table-schema';
import type { Access } from '../data/table-access';

/**
 * A table's DynamoDB actions, e.g. `['GetItem', 'UpdateItem', 'Query:byName']`: exactly what CDK
 * grants and what the local runtime allows (see shared/data/table-access.ts). The audit trail is
 * append-only: `['PutItem']`, never an update, delete or batch write.
 */
export type { Access };

type Schema = z.ZodTypeAny;

/**
 * One HTTP route: its contract (schemas, permission, example) and what it needs to run (handler
 * file, tables, keys). Declared once, in routes.ts; the CDK stack, the local server, the handler
 * factory, the OpenAPI document and the generated tests all read it.
 */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** Handler file, relative to the repository root; it exports `handler`. */
  entry: string;
  /** Which token the route accepts; `none` for sign-in and the public documents. */
  auth: 'staff' | 'parent' | 'none';
  /**
   * Staff routes: every permission the action needs, checked by the handler factory for the
   * school (or district) of the path before the use case runs.
   */
  permissions?: readonly [Permission, ...Permission[]];
  request?: { params?: Schema; query?: Schema; body?: Schema };
  response: {
    status: 200 | 201 | 202;
    /** JSON body; absent for non-JSON bodies (`contentType`). */
    schema?: Schema;
    contentType?: string;
    description: string;
  };
  /** Statuses the route may answer beyond the ones its kind implies (400, 401, 403, 404). */
  errors?: readonly (401 | 409 | 422 | 429 | 503)[];
  /** A valid request (path values, query, body) for documentation and generated tests. */
  example?: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };
  summary: string;
  description?: string;

  // ---- What the function needs (least privilege in CDK, env locally) ----
  /** Tables the function may touch, and how: the grants and env vars. */
  tables: Partial<Record<TableName, Access>>;
  /** Whether it hashes access codes and so needs the code pepper. */
  usesCodePepper?: boolean;
  /** `seal`: issues codes and seals them at rest; `open`: shows stored codes. Others see hashes only. */
  codeVault?: 'seal' | 'open';
  /** Whether it signs parent tokens (`sign`) or only publishes/verifies with the public key (`verify`). */
  parentTokenKey?: 'sign' | 'verify';
  /** Memory in MB when the default does not fit (password hashing wants a whole vCPU). */
  memorySize?: number;
  /** Files the function reads at run time, copied into its bundle (the letter fonts). */
  bundledFiles?: 'letter-fonts';
  /**
   * A lower ceiling for this route on the API stage than the stage's, in requests per second
   * (steady rate and burst), where every request is a guess or a hash (sign-in, new password,
   * redeem): API Gateway counts it for all callers together, so it must sit far above normal load
   * (it guards Lambda concurrency; the per-caller limits in the app stop guessing).
   */
  throttle?: { rate: number; burst: number };
  /**
   * Whether it acts on the caller's address (per-address guessing limits, the audit's source
   * address): behind CloudFront it then needs the origin secret to believe the viewer address.
   */
  usesClientAddress?: boolean;
  /** Needs the parent portal's address (`PORTAL_URL`): the QR codes of letters, the passkeys' relying party. */
  usesPortalUrl?: boolean;
  /** A district route school staff may call too; its use case answers for their own schools only. */
  schoolStaffToo?: boolean;
  /** Starts bulk-job executions. */
  startsJobs?: boolean;
  /** Reads the files export jobs made (and signs download links for them). */
  readsExports?: boolean;
  /** Signs upload links into the bucket's uploads/ (roster imports). */
  writesUploads?: boolean;
  /** Creates, changes or deletes EventBridge Scheduler schedules. */
  managesSchedules?: boolean;
}

/**
 * The route groups, each one contract file (routes/<group>.ts), one nested stack of functions,
 * one OpenAPI tag (the title) and one section of docs/api.md. A function bundles only its group.
 */
export const ROUTE_GROUPS = {
  'codes-and-links': 'Codes and links',
  'exports-and-letters': 'Exports and letters',
  'parent-accounts': 'Parent accounts',
  'jobs-and-schedules': 'Jobs and schedules',
  'roster-and-schools': 'Roster and schools',
  audit: 'Audit',
  'parent-portal': 'Parent portal and sign-in',
  invitations: 'Invitations and lost codes',
  passkeys: 'Parent passkeys',
} as const;

export type RouteGroup = keyof typeof ROUTE_GROUPS;

/** One group's routes, keyed by route id. */
export type RouteGroupTable = Record<string, RouteSpec>;

export type RouteDefinition = RouteSpec & { id: string; group: RouteGroup };

/**
 * The refusals a route may answer: 400 when it takes input, 401 and 403 when it needs a token,
 * 404 when its path names ids, and what it declares. The OpenAPI document lists exactly these,
 * and tests fail on any other (see the handler factory).
 */
export function refusalStatuses(route: RouteSpec): number[] {
  return [
    ...(route.request ? [400] : []),
    ...(route.auth === 'none' ? [] : [401, 403]),
    ...(route.path.includes('{') ? [404] : []),
    ...(route.errors ?? []),
  ].sort();
}
