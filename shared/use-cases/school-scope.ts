import { NotFoundError } from '../domain/errors';
import { assertStaffMay, Permission, Principal, StaffPrincipal } from '../domain/principal';
import { getSchool, School } from '../data/schools';

/**
 * The check every staff action on a school starts with: each permission (403), then the school
 * being one the caller may act on (404 otherwise, revealing nothing). The id is read within the
 * caller's district (school ids are unique only there), so another district's school of the same
 * id is never found.
 */
export async function authorizeSchoolAction(
  principal: Principal,
  permissions: readonly Permission[],
  schoolId: string,
): Promise<{ staff: StaffPrincipal; school: School }> {
  const staff = staffWithAll(principal, permissions, schoolId);
  const school = await getSchool({ districtId: staff.districtId, schoolId });
  if (!school) throw new NotFoundError('School');
  return { staff, school };
}

/**
 * District routes (the district's trail, its schools) are for district-wide staff of that
 * district; another district's id answers 404, like any id outside the caller's scope.
 */
export async function authorizeDistrictAction(
  principal: Principal,
  permissions: readonly Permission[],
  districtId: string,
): Promise<{ staff: StaffPrincipal }> {
  const staff = staffWithAll(principal, permissions, '*');
  if (staff.schools !== 'district' || staff.districtId !== districtId) throw new NotFoundError('District');
  return { staff };
}

/**
 * A district route that school staff may call too (the district's list of schools): district-wide
 * staff as above; school staff of that district with the permissions pass, and the use case
 * answers for their own schools only.
 */
export async function authorizeDistrictOrOwnSchools(
  principal: Principal,
  permissions: readonly Permission[],
  districtId: string,
): Promise<{ staff: StaffPrincipal }> {
  if (principal.kind !== 'staff' || principal.schools === 'district') return authorizeDistrictAction(principal, permissions, districtId);
  const own = [...principal.schools][0];
  if (own === undefined || principal.districtId !== districtId) throw new NotFoundError('District');
  return { staff: staffWithAll(principal, permissions, own) };
}

function staffWithAll(principal: Principal, permissions: readonly Permission[], schoolId: string): StaffPrincipal {
  if (permissions.length === 0) throw new Error('A staff route must name at least one permission');
  return permissions.map((permission) => assertStaffMay(principal, permission, schoolId))[0]!;
}
