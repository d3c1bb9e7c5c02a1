import { NotFoundError } from '../domain/errors';
import { assertStaffMay, Principal } from '../domain/principal';
import { AuditFilter, queryAudit } from '../data/audit';
import { authorizeSchoolAction } from './school-scope';

type Page = { limit: number; cursor?: string };

/** A school's trail: every change to its students, links and rostered parents. */
export async function readSchoolAudit(principal: Principal, schoolId: string, filter: AuditFilter, page: Page) {
  await authorizeSchoolAction(principal, 'audit:read', schoolId);
  return queryAudit({ schoolId }, filter, page);
}

/**
 * The district's trail: parent account events that belong to no one school (sign-ins with their
 * source address, locks, password changes, sign-outs). District-wide staff only; another
 * district's id answers 404, like any id outside the caller's scope.
 */
export async function readDistrictAudit(principal: Principal, districtId: string, filter: AuditFilter, page: Page) {
  const staff = assertStaffMay(principal, 'audit:read', '*');
  if (staff.schools !== 'district' || staff.districtId !== districtId) throw new NotFoundError('District');
  return queryAudit({ districtId }, filter, page);
}
