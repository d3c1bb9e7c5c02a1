import { ForbiddenError, NotFoundError } from './errors';

/** Named permissions carried by staff tokens (or Cognito groups). */
export const PERMISSIONS = [
  'students:read',
  /** See students' current codes on screen (lists, searches); every page shown with codes is audited. */
  'codes:read',
  'links:remove',
  'codes:reset',
  'audit:read',
  'roster:write',
  'parents:read',
  'passwords:set',
  /** Invite guardians by mail (and resend, revoke, remind), and see where each invitation stands. */
  'guardians:invite',
  'jobs:run',
  /** Take codes out of the service in files (CSV, letters); every export is audited. */
  'codes:export',
  /** District-wide staff only: create schools and change their settings. */
  'schools:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface StaffPrincipal {
  kind: 'staff';
  id: string;
  districtId: string;
  /** School ids the staff member may act on, or 'district' for every school of the district. */
  schools: 'district' | ReadonlySet<string>;
  permissions: ReadonlySet<string>;
}

export interface ParentPrincipal {
  kind: 'parent';
  id: string;
  districtId: string;
  /** The account's session version when the token was issued; a reset or sign-out moves it on. */
  sessionVersion: number;
}

export type Principal = StaffPrincipal | ParentPrincipal;

export interface Actor {
  type: 'staff' | 'parent' | 'scheduler' | 'system';
  id: string;
}

export function actorOf(principal: Principal): Actor {
  return { type: principal.kind, id: principal.id };
}

/**
 * Privilege first (403), then scope (404): a staff member of another school learns nothing
 * about whether the school or its students exist.
 */
export function assertStaffMay(principal: Principal, permission: Permission, schoolId: string): StaffPrincipal {
  if (principal.kind !== 'staff') throw new ForbiddenError('This action is for school staff.');
  if (!principal.permissions.has(permission)) {
    throw new ForbiddenError(`This action needs the "${permission}" permission.`);
  }
  if (principal.schools !== 'district' && !principal.schools.has(schoolId)) {
    throw new NotFoundError('School');
  }
  return principal;
}

/** Whether staff hold a permission beyond the route's own, for what a response may include. */
export function staffHolds(principal: StaffPrincipal, permission: Permission): boolean {
  return principal.permissions.has(permission);
}

export function assertParent(principal: Principal): ParentPrincipal {
  if (principal.kind !== 'parent') throw new ForbiddenError('This action is for parents.');
  return principal;
}
