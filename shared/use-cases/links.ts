import { countMetric } from '../observability';
import { schoolRef } from '../data/keys';
import { METRICS } from '../metric-names';
import { NotFoundError } from '../domain/errors';
import { Actor, ParentPrincipal } from '../domain/principal';
import { mapWithConcurrency } from '../concurrency';
import { getSchool, School } from '../data/schools';
import { getStudents } from '../data/student-profiles';
import { linksOfParent, linksOfStudent, removeLink } from '../data/links';
import { requireStudents } from './codes';

/** Remove one parent/student link (the X beside the parent's name in the article). */
export async function removeParentLink(school: School, studentId: string, parentId: string, actor: Actor, reason?: string) {
  const removed = await removeLink(
    { schoolId: school.schoolId, studentId, parentId, districtId: school.districtId },
    { ...schoolRef(school), action: 'link.removed', actor, at: new Date().toISOString(), studentId, parentId, reason },
  );
  if (!removed) throw new NotFoundError('Link');
  countMetric(METRICS.linksRemoved, { districtId: school.districtId, schoolId: school.schoolId });
  return { studentId, parentId, removed: true as const };
}

/**
 * Clear Parents for selected students: every link of each student is removed, each with its own
 * audit event. All ids are checked before anything is written. Re-running is harmless: links
 * already gone are skipped.
 */
export async function clearLinksOfStudents(school: School, studentIds: readonly string[], actor: Actor, reason?: string) {
  await requireStudents(school, studentIds);
  const perStudent = await mapWithConcurrency([...new Set(studentIds)], 16, async (studentId) => {
    const links = await linksOfStudent(school, studentId);
    let removed = 0;
    for (const link of links) {
      const at = new Date().toISOString();
      const ok = await removeLink(link, {
        ...schoolRef(school), action: 'link.removed', actor, at, studentId, parentId: link.parentId, reason,
      });
      if (ok) removed++;
    }
    return { studentId, linksRemoved: removed };
  });
  const linksRemoved = perStudent.reduce((sum, s) => sum + s.linksRemoved, 0);
  countMetric(METRICS.linksRemoved, { districtId: school.districtId, schoolId: school.schoolId }, linksRemoved);
  return { students: perStudent, linksRemoved };
}

/** The children a parent is linked to, with only what the portal needs to show them. */
export async function listMyStudents(parent: ParentPrincipal) {
  const links = await linksOfParent(parent.districtId, parent.id);
  const bySchool = new Map<string, string[]>();
  for (const link of links) bySchool.set(link.schoolId, [...(bySchool.get(link.schoolId) ?? []), link.studentId]);
  const students = [];
  for (const [schoolId, ids] of bySchool) {
    const found = await getStudents({ districtId: parent.districtId, schoolId }, ids);
    for (const link of links.filter((l) => l.schoolId === schoolId)) {
      const student = found.get(link.studentId);
      if (student) {
        students.push({
          schoolId,
          studentId: student.studentId,
          firstName: student.firstName,
          lastName: student.lastName,
          linkedAt: link.linkedAt,
        });
      }
    }
  }
  return { students };
}

/** "I added the wrong child": a parent removes their own link, audited like a staff removal. */
export async function unlinkMyStudent(parent: ParentPrincipal, schoolId: string, studentId: string, reason?: string) {
  // Only a school of the parent's own district: its keys carry the district.
  const school = await getSchool({ districtId: parent.districtId, schoolId });
  if (!school) throw new NotFoundError('Link');
  const mine = { schoolId, studentId, parentId: parent.id, districtId: parent.districtId };
  const removed = await removeLink(mine, {
    ...schoolRef(school), action: 'link.removed', actor: { type: 'parent', id: parent.id }, at: new Date().toISOString(),
    studentId, parentId: parent.id, reason,
  });
  if (!removed) throw new NotFoundError('Link');
  return { schoolId, studentId, removed: true as const };
}
