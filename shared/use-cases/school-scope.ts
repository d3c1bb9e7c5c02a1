import { NotFoundError } from '../domain/errors';
import { assertStaffMay, Permission, Principal, StaffPrincipal } from '../domain/principal';
import { getSchool, School } from '../data/schools';

/**
 * The check every staff action on a school starts with: each permission (403), then the school
 * being one the caller may act on and belonging to the caller's district (404 otherwise,
 * revealing nothing).
 */
export async function authorizeSchoolAction(
  principal: Principal,
  permissions: readonly Permission[],
  schoolId: string,
): Promise<{ staff: StaffPrincipal; school: School }> {
  const staff = staffWithAll(principal, permissions, schoolId);
  const school = await getSchool(schoolId);
  if (!school || school.districtId !== staff.districtId) throw new NotFoundError('School');
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

function staffWithAll(principal: Principal, permissions: readonly Permission[], schoolId: string): StaffPrincipal {
  if (permissions.length === 0) throw new Error('A staff route must name at least one permission');
  return permissions.map((permission) => assertStaffMay(principal, permission, schoolId))[0]!;
}
