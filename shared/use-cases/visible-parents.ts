import { NotFoundError } from '../domain/errors';
import type { StaffPrincipal } from '../domain/principal';
import type { School } from '../data/schools';
import { getParents, ParentAccount } from '../data/parents';

/**
 * Parents whose portal accounts this caller may change (set a password, unlock, include in a
 * password job): those the school rosters, or any parent of the district for district-wide
 * staff. A parent who only linked one of the school's students is not one of them: the parent
 * made that link with a code, and it must not hand the school the account, and with it the
 * children other schools roster (finding: cross-school takeover through links). Any other id is
 * "not found", the same answer as an unknown one. All or nothing.
 */
export async function requireManagedParents(school: School, staff: StaffPrincipal, parentIds: readonly string[]): Promise<ParentAccount[]> {
  const unique = [...new Set(parentIds)];
  const parents = await getParents(school.districtId, unique);
  const managed = unique.map((id) => {
    const parent = parents.get(id);
    return parent && (staff.schools === 'district' || parent.rosterSchools?.has(school.schoolId)) ? parent : undefined;
  });
  const missing = managed.filter((p) => !p).length;
  if (missing) throw new NotFoundError(missing === 1 ? 'Parent' : `${missing} of the parents`);
  return managed as ParentAccount[];
}

/**
 * The trails that record a change to a parent's account: every school that rosters the parent
 * (each may be answerable for the child it rosters), and the school the change was made through.
 */
export function accountAuditSchools(parent: Pick<ParentAccount, 'rosterSchools'>, schoolId: string): string[] {
  return [...new Set([schoolId, ...(parent.rosterSchools ?? [])])];
}
