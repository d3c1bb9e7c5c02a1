import { readableCode } from './codes';
import { schoolRef } from '../data/keys';
import type { School } from '../data/schools';
import { countStudents, getStudents, listStudentIds, searchStudentIds } from '../data/student-profiles';
import { getParents } from '../data/parents';
import { linkSummaryOf } from '../data/link-summary';
import { mapWithConcurrency } from '../concurrency';
import { writeAuditEvents } from '../data/audit';
import { Actor, StaffPrincipal, staffHolds } from '../domain/principal';
import { ValidationError } from '../domain/errors';
import { parseNameQuery } from '../domain/name-search';

/** Who is looking: `codes:read` decides whether the page carries codes. */
export interface Viewer {
  staff: StaffPrincipal;
  actor: Actor;
}

export interface StudentListQuery {
  q?: string;
  limit: number;
  cursor?: string;
  order?: 'asc' | 'desc';
}

/**
 * List or search a school's students, each with its linked parents (the Parents/Advisors tab)
 * and, for a viewer holding `codes:read`, its current code.
 * - Listing (no `q`): a page in name order (`order=desc`: Z to A), `nextCursor` to go on; the
 *   first page (no cursor) also counts the school's students (`total`, a Select COUNT of the
 *   index, run beside the page: see countStudents).
 * - Search (`q`): an exact student number, else names as people type them (searchStudentIds):
 *   the first `limit` matches in name order, `total` matches found, `more` when there may be
 *   more (type more of the name). A search has no cursor (400 with one).
 * A row's `flag` (a parent's "not my child") names that parent and carries their note.
 * Codes are read on purpose: without `codes:read` the vault is never opened and no row has a
 * `code`; with it, one `code.viewed` event naming the page's students is written before the
 * page is returned, so no code reaches a screen unrecorded.
 * DynamoDB round trips, whatever the page size (≤ 100), one after the other: the school read of
 * the handler; the index query (a search: the number look-up and ≤ 10 index queries together);
 * one BatchGet of the students (their link summaries included); one of their parents and the
 * flagging parents: 4 (and the audit put when codes are shown). The first page's count runs
 * beside these three: six COUNT queries at once (one per name range), each one page up to some
 * 5,000 students of that range (10,000 students: 6 requests, ~200 RCU, docs/benchmarks.md).
 * Requests: 4, plus the number look-up and ≤ 10 queries for a search, plus 6+ for the count.
 */
export async function listStudents(school: School, query: StudentListQuery, viewer: Viewer) {
  const withCodes = staffHolds(viewer.staff, 'codes:read');
  if (query.q !== undefined && query.cursor !== undefined) {
    const message = 'A search answers its first matches and has no cursor: type more of the name to narrow it.';
    throw new ValidationError(message, [{ path: 'query.cursor', message }]);
  }
  // Started first, so its pages overlap the page's own three reads.
  const counted = query.q === undefined && query.cursor === undefined ? countStudents(school) : undefined;
  // Awaited below; a failure before then must not surface as an unhandled rejection.
  counted?.catch(() => undefined);
  let studentIds: string[];
  let nextCursor: string | undefined;
  let total: number | undefined;
  let more: boolean;
  if (query.q !== undefined) {
    ({ studentIds, total, more } = await searchStudentIds(school, query.q, parseNameQuery(query.q), query.limit, query.order));
  } else {
    ({ studentIds, nextCursor } = await listStudentIds(school, { limit: query.limit, cursor: query.cursor, order: query.order }));
    more = nextCursor !== undefined;
  }
  const students = await getStudents(school, studentIds);
  const links = studentIds.map((id) => (students.has(id) ? linkSummaryOf(students.get(id)!) : []));
  const flaggers = [...students.values()].flatMap((student) => (student.flag ? [student.flag.parentId] : []));
  const [parents, codes] = await Promise.all([
    getParents(school.districtId, [...links.flat().map((l) => l.parentId), ...flaggers]),
    // The one read path that opens sealed codes: staff holding codes:read see them to redistribute them.
    withCodes
      ? mapWithConcurrency([...students.values()], 16, async (student) => [student.studentId, await readableCode(student)] as const).then((pairs) => new Map(pairs))
      : new Map<string, string>(),
  ]);
  if (withCodes && codes.size) await auditCodesShown(school, studentIds.filter((id) => codes.has(id)), viewer.actor);
  if (counted) total = await counted;
  const items = studentIds.flatMap((id, index) => {
    const student = students.get(id);
    if (!student) return [];
    const flagger = student.flag ? parents.get(student.flag.parentId) : undefined;
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
        flag: student.flag && {
          at: student.flag.at,
          parentId: student.flag.parentId,
          firstName: flagger?.firstName,
          lastName: flagger?.lastName,
          reason: student.flag.reason,
        },
        parents: links[index]!.map((link) => ({
          parentId: link.parentId,
          firstName: parents.get(link.parentId)?.firstName,
          lastName: parents.get(link.parentId)?.lastName,
          linkedAt: link.linkedAt,
        })),
      },
    ];
  });
  return { items, nextCursor, total, more };
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
