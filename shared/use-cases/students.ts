import { readableCode } from './codes';
import { schoolRef } from '../data/keys';
import type { School } from '../data/schools';
import { findStudentIdByNumber, getStudents, listStudentIds } from '../data/student-profiles';
import { getParents } from '../data/parents';
import { linkSummaryOf } from '../data/link-summary';
import { mapWithConcurrency } from '../concurrency';
import { writeAuditEvents } from '../data/audit';
import { Actor, StaffPrincipal, staffHolds } from '../domain/principal';

/** Who is looking: `codes:read` decides whether the page carries codes. */
export interface Viewer {
  staff: StaffPrincipal;
  actor: Actor;
}

/**
 * List or search a school's students, a page at a time, each with its linked parents (the
 * Parents/Advisors tab) and, for a viewer holding `codes:read`, its current code.
 * `q` matches a student number exactly or a last-name prefix.
 * Codes are read on purpose: without `codes:read` the vault is never opened and no row has a
 * `code`; with it, one `code.viewed` event naming the page's students is written before the
 * page is returned, so no code reaches a screen unrecorded.
 * DynamoDB round trips, whatever the page size (≤ 100): the index query, one BatchGet of the
 * students (their link summaries included) and one of their parents — plus the school read of
 * the handler: 4 (and the audit put when codes are shown).
 */
export async function listStudents(school: School, query: { q?: string; limit: number; cursor?: string }, viewer: Viewer) {
  const withCodes = staffHolds(viewer.staff, 'codes:read');
  let studentIds: string[];
  let nextCursor: string | undefined;
  const byNumber = query.q && !query.cursor ? await findStudentIdByNumber(school, query.q) : undefined;
  if (byNumber) {
    studentIds = [byNumber];
  } else {
    ({ studentIds, nextCursor } = await listStudentIds(school, {
      limit: query.limit,
      cursor: query.cursor,
      lastNamePrefix: query.q,
    }));
  }
  const students = await getStudents(school, studentIds);
  const links = studentIds.map((id) => (students.has(id) ? linkSummaryOf(students.get(id)!) : []));
  const [parents, codes] = await Promise.all([
    getParents(school.districtId, links.flat().map((l) => l.parentId)),
    // The one read path that opens sealed codes: staff holding codes:read see them to redistribute them.
    withCodes
      ? mapWithConcurrency([...students.values()], 16, async (student) => [student.studentId, await readableCode(student)] as const).then((pairs) => new Map(pairs))
      : new Map<string, string>(),
  ]);
  if (withCodes && codes.size) await auditCodesShown(school, studentIds.filter((id) => codes.has(id)), viewer.actor);
  const items = studentIds.flatMap((id, index) => {
    const student = students.get(id);
    if (!student) return [];
    return [
      {
        studentId: id,
        firstName: student.firstName,
        lastName: student.lastName,
        studentNumber: student.studentNumber,
        grade: student.grade,
        homeroom: student.homeroom,
        ...(withCodes ? { code: codes.get(id) } : {}),
        codeIssuedAt: student.codeIssuedAt,
        codeExpiresAt: student.codeExpiresAt,
        flag: student.flag,
        parents: links[index]!.map((link) => ({
          parentId: link.parentId,
          firstName: parents.get(link.parentId)?.firstName,
          lastName: parents.get(link.parentId)?.lastName,
          linkedAt: link.linkedAt,
        })),
      },
    ];
  });
  return { items, nextCursor };
}

/**
 * One event per page shown with codes, like an export's record but for a screen: the students
 * it named (space-separated ids, at most a page of 100) and how many. A page of one student (a
 * search by number) also names it as the event's student, so it shows in that student's trail.
 */
async function auditCodesShown(school: School, studentIds: string[], actor: Actor) {
  await writeAuditEvents([
    {
      ...schoolRef(school),
      action: 'code.viewed',
      actor,
      at: new Date().toISOString(),
      ...(studentIds.length === 1 ? { studentId: studentIds[0] } : {}),
      details: { students: studentIds.join(' '), count: studentIds.length },
    },
  ]);
}
