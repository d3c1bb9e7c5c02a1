import type { School } from '../data/schools';
import { schoolRef } from '../data/keys';
import { AuditFilter, namesOnPage, queryAudit, type StoredAuditEvent } from '../data/audit';
import { actorLabel } from '../domain/principal';

type Query = AuditFilter & { limit: number; cursor?: string };

/** An event as a page of the trail shows it: the ids it records, and the names they stand for now. */
export type NamedAuditEvent = StoredAuditEvent & { actorName: string; studentName?: string; parentName?: string };

/** A school's trail: every change to its students, links and rostered parents. */
export async function readSchoolAudit(school: School, { limit, cursor, ...filter }: Query) {
  return withNames(school.districtId, await queryAudit(schoolRef(school), filter, { limit, cursor }));
}

/**
 * The district's trail: parent account events that belong to no one school (sign-ins with their
 * source address, locks, password changes, sign-outs). The route admits district-wide staff only.
 */
export async function readDistrictAudit(districtId: string, { limit, cursor, ...filter }: Query) {
  return withNames(districtId, await queryAudit({ districtId }, filter, { limit, cursor }));
}

/**
 * The page with names beside the ids (`namesOnPage`: at most one BatchGet per table), so the
 * console shows "Pat Parent", not "p0042". Names are not in the events: a person renamed shows the
 * new name, one deleted shows the id. Staff have no record here (they live in the identity
 * provider): a staff actor shows the name its event's actor kept, if any (`actorLabel`), else
 * their id.
 */
async function withNames(districtId: string, page: { items: StoredAuditEvent[]; nextCursor?: string }): Promise<{ items: NamedAuditEvent[]; nextCursor?: string }> {
  const names = await namesOnPage(districtId, page.items);
  const items = page.items.map((event) => ({
    ...event,
    actorName: (event.actor.type === 'parent' ? names.parents.get(event.actor.id) : undefined) ?? actorLabel(event.actor),
    ...(event.studentId ? { studentName: names.students.get(event.studentId) ?? event.studentId } : {}),
    ...(event.parentId ? { parentName: names.parents.get(event.parentId) ?? event.parentId } : {}),
  }));
  return { ...page, items };
}
