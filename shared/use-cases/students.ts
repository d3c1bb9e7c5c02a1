import { readableCode } from './codes';
import type { School } from '../data/schools';
import { findStudentIdByNumber, getStudents, listStudentIds } from '../data/student-profiles';
import { getParents } from '../data/parents';
import { linkSummaryOf } from '../data/link-summary';
import { mapWithConcurrency } from '../concurrency';

/**
 * List or search a school's students, a page at a time, each with its current code and linked
 * parents (the Parents/Advisors tab). `q` matches a student number exactly or a last-name prefix.
 * DynamoDB round trips, whatever the page size (≤ 100): the index query, one BatchGet of the
 * students (their link summaries included) and one of their parents — plus the school read of
 * the handler: 4.
 */
export async function listStudents(school: School, query: { q?: string; limit: number; cursor?: string }) {
  let studentIds: string[];
  let nextCursor: string | undefined;
  const byNumber = query.q && !query.cursor ? await findStudentIdByNumber(school.schoolId, query.q) : undefined;
  if (byNumber) {
    studentIds = [byNumber];
  } else {
    ({ studentIds, nextCursor } = await listStudentIds(school.schoolId, {
      limit: query.limit,
      cursor: query.cursor,
      lastNamePrefix: query.q,
    }));
  }
  const students = await getStudents(school.schoolId, studentIds);
  const links = studentIds.map((id) => (students.has(id) ? linkSummaryOf(students.get(id)!) : []));
  const [parents, codes] = await Promise.all([
    getParents(school.districtId, links.flat().map((l) => l.parentId)),
    // The one read path that opens sealed codes: staff see the code to redistribute it.
    mapWithConcurrency([...students.values()], 16, async (student) => [student.studentId, await readableCode(student)] as const).then((pairs) => new Map(pairs)),
  ]);
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
        code: codes.get(id),
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
