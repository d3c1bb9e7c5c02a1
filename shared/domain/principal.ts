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

/**
 * Each permission in words, for refusals people read: what it lets an account do (`does`, a verb
 * phrase that reads after "can" and "cannot") and who to ask. One place: a new permission
 * without its words fails the type check.
 */
export const PERMISSION_WORDS: Record<Permission, { does: string; who: 'a school administrator' | 'a district administrator' }> = {
  'students:read': { does: 'see students and jobs', who: 'a school administrator' },
  'codes:read': { does: 'see access codes on screen', who: 'a school administrator' },
  'links:remove': { does: 'remove parents from students', who: 'a school administrator' },
  'codes:reset': { does: 'reset access codes', who: 'a school administrator' },
  'audit:read': { does: 'read the audit trail', who: 'a school administrator' },
  'roster:write': { does: 'change the roster', who: 'a school administrator' },
  'parents:read': { does: 'look up parents', who: 'a school administrator' },
  'passwords:set': { does: 'set parent passwords', who: 'a school administrator' },
  'guardians:invite': { does: 'invite guardians', who: 'a school administrator' },
  'jobs:run': { does: 'run whole-school jobs', who: 'a school administrator' },
  'codes:export': { does: 'export codes and print letters home', who: 'a school administrator' },
  'schools:write': { does: 'add schools and change their settings', who: 'a district administrator' },
};

/** "a", "a and b", "a, b and c". */
function inWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** An account holding more than this many permissions is not told all it can do: the refusal would be a list. */
const LISTED_PERMISSIONS = 3;

/**
 * The refusal of an account that lacks `permission`, in words: what it can do (when that is a
 * short list), what it cannot, and who can; `act` names the action when the permission is needed
 * for something other than itself (cancelling a Reset All needs the right to reset codes). The
 * code stays FORBIDDEN; `details.permission` names the permission for programs.
 */
export function missingPermission(
  staff: Pick<StaffPrincipal, 'permissions' | 'schools'>,
  permission: Permission,
  options: { act?: string; district?: boolean } = {},
): ForbiddenError {
  const words = PERMISSION_WORDS[permission];
  const held = PERMISSIONS.filter((p) => p !== permission && staff.permissions.has(p)).map((p) => PERMISSION_WORDS[p].does);
  const can = held.length > 0 && held.length <= LISTED_PERMISSIONS ? `can ${inWords(held)} but ` : '';
  // A district route's refusal, or a district-wide account's, is for a district administrator to lift.
  const who = options.district || staff.schools === 'district' ? 'a district administrator' : words.who;
  const message = options.act
    ? `Your account ${can}cannot ${words.does}, which it needs to ${options.act}. Ask ${who} to ${options.act} or to give your account that permission.`
    : `Your account ${can}cannot ${words.does}. Ask ${who} to ${words.does} or to give your account that permission.`;
  return new ForbiddenError(message, { permission });
}

export interface StaffPrincipal {
  kind: 'staff';
  id: string;
  /** The token's `name` and `email` claims: shown to people (who started a job), never used to decide anything. */
  name?: string;
  email?: string;
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
  /**
   * Staff: the display name the token carried when they acted. No table holds staff, so the
   * trail keeps it with the event to show people, never to decide anything; parents are named
   * from their record when the trail is read.
   */
  name?: string;
}

export function actorOf(principal: Principal): Actor {
  if (principal.kind === 'staff') {
    const name = principal.name ?? principal.email;
    return { type: 'staff', id: principal.id, ...(name ? { name } : {}) };
  }
  return { type: principal.kind, id: principal.id };
}

/** Staff as people read them: their name, else their email, else their id (the token's subject). */
export function staffDisplayName(staff: Pick<StaffPrincipal, 'id' | 'name' | 'email'>): string {
  return staff.name ?? staff.email ?? staff.id;
}

/**
 * An actor as people read it when no person's record names it: staff by the name they acted
 * under, a schedule by its name, the service's own steps as the service, anyone else by their id
 * (a deleted parent, staff whose token carried no name).
 */
export function actorLabel(actor: Actor): string {
  if (actor.name) return actor.name;
  if (actor.type === 'scheduler') return `Schedule "${actor.id}"`;
  if (actor.type === 'system') return `Parent Access (${actor.id})`;
  return actor.id;
}

/**
 * Privilege first (403), then scope (404): a staff member of another school learns nothing
 * about whether the school or its students exist.
 */
export function assertStaffMay(principal: Principal, permission: Permission, schoolId: string, act?: string): StaffPrincipal {
  if (principal.kind !== 'staff') throw new ForbiddenError('This action is for school staff.');
  if (!principal.permissions.has(permission)) {
    // '*': a district route (its trail, its schools).
    throw missingPermission(principal, permission, { act, district: schoolId === '*' });
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
