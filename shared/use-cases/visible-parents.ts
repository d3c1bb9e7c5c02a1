import { NotFoundError } from '../domain/errors';
import { mapWithConcurrency } from '../concurrency';
import type { School } from '../data/schools';
import { getParents, ParentAccount } from '../data/parents';
import { linksOfParent } from '../data/links';

/** Parents this school may act on: rostered by it, or linked to one of its students. All or nothing. */
export async function requireVisibleParents(school: School, parentIds: readonly string[]): Promise<ParentAccount[]> {
  const unique = [...new Set(parentIds)];
  const parents = await getParents(school.districtId, unique);
  const visible = await mapWithConcurrency(unique, 16, async (id) => {
    const parent = parents.get(id);
    if (!parent) return undefined;
    if (parent.rosterSchools?.has(school.schoolId)) return parent;
    const links = await linksOfParent(school.districtId, id);
    return links.some((l) => l.schoolId === school.schoolId) ? parent : undefined;
  });
  const missing = unique.filter((_, i) => !visible[i]);
  if (missing.length) throw new NotFoundError(missing.length === 1 ? 'Parent' : `${missing.length} of the parents`);
  return visible as ParentAccount[];
}
