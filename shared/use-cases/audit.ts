import type { School } from '../data/schools';
import { schoolRef } from '../data/keys';
import { AuditFilter, queryAudit } from '../data/audit';

type Query = AuditFilter & { limit: number; cursor?: string };

/** A school's trail: every change to its students, links and rostered parents. */
export async function readSchoolAudit(school: School, { limit, cursor, ...filter }: Query) {
  return queryAudit(schoolRef(school), filter, { limit, cursor });
}

/**
 * The district's trail: parent account events that belong to no one school (sign-ins with their
 * source address, locks, password changes, sign-outs). The route admits district-wide staff only.
 */
export async function readDistrictAudit(districtId: string, { limit, cursor, ...filter }: Query) {
  return queryAudit({ districtId }, filter, { limit, cursor });
}
