import { NotFoundError } from '../domain/errors';
import { assertStaffMay, Permission, Principal, StaffPrincipal } from '../domain/principal';
import { getSchool, School } from '../data/schools';

/**
 * The check every staff action starts with: the permission (403), then the school being one the
 * caller may act on and belonging to the caller's district (404 otherwise, revealing nothing).
 */
export async function authorizeSchoolAction(
  principal: Principal,
  permission: Permission,
  schoolId: string,
): Promise<{ staff: StaffPrincipal; school: School }> {
  const staff = assertStaffMay(principal, permission, schoolId);
  const school = await getSchool(schoolId);
  if (!school || school.districtId !== staff.districtId) throw new NotFoundError('School');
  return { staff, school };
}
