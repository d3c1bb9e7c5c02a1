import { countMetric } from '../observability';
import { schoolRef } from '../data/keys';
import { METRICS } from '../metric-names';
import { NotFoundError, BusyError } from '../domain/errors';
import { Actor, ParentPrincipal } from '../domain/principal';
import { formatAccessCode } from '../domain/access-code';
import { getSchool, School } from '../data/schools';
import { getStudent } from '../data/student-profiles';
import { closeReportedWrongLink, fixWrongLink, reportWrongLink } from '../data/wrong-links';
import { issueCode } from './codes';
import { retryOnConflict, RETRY } from '../retry';

/**
 * "I added the wrong code, and now the wrong student is under my account": the parent removes
 * the link and reports it; the student is flagged so staff reset the code the parent saw.
 */
export async function reportNotMyChild(parent: ParentPrincipal, schoolId: string, studentId: string, reason?: string) {
  const school = await getSchool({ districtId: parent.districtId, schoolId });
  if (!school) throw new NotFoundError('Link');
  const at = new Date().toISOString();
  const actor: Actor = { type: 'parent', id: parent.id };
  const link = { schoolId, studentId, districtId: parent.districtId, parentId: parent.id };
  const reported = await reportWrongLink(link, { at, reason }, [
    { ...schoolRef(school), action: 'link.removed', actor, at, studentId, parentId: parent.id, reason },
    { ...schoolRef(school), action: 'case.opened', actor, at, studentId, parentId: parent.id, reason, details: { kind: 'not-my-child' } },
  ]);
  if (!reported) throw new NotFoundError('Link');
  return { schoolId, studentId, removed: true as const, reported: true as const };
}

/**
 * Staff fix a wrong link in one step: remove it, reset the student's code, record the case.
 * Retries when a concurrent reset changed the code under us; the link removal and the reset are
 * one transaction, so a half-done fix cannot be observed. When the parent already removed the
 * link by reporting "not my child", the fix is the rest of it: the code reset and the case
 * closed, while the student still carries that parent's report.
 */
export async function fixWrongLinkInOneStep(school: School, studentId: string, parentId: string, actor: Actor, reason: string) {
  return retryOnConflict(async () => {
    const student = await getStudent(school, studentId);
    if (!student) throw new NotFoundError('Student');
    const now = new Date();
    const at = now.toISOString();
    const code = await issueCode(school, studentId, now);
    const base = { ...schoolRef(school), actor, at, studentId, parentId, reason };
    let outcome = await fixWrongLink(
      student,
      { schoolId: school.schoolId, studentId, parentId, districtId: school.districtId },
      code,
      [
        { ...base, action: 'link.removed' },
        { ...base, action: 'code.reset' },
        { ...base, action: 'case.resolved', details: { kind: 'wrong-link', fix: 'link-removed-code-reset' } },
      ],
    );
    if (outcome === 'no-link' && student.flag?.parentId === parentId) {
      outcome = await closeReportedWrongLink(student, parentId, code, [
        { ...base, action: 'code.reset' },
        { ...base, action: 'case.resolved', details: { kind: 'wrong-link', fix: 'code-reset-after-report' } },
      ]);
    }
    if (outcome === 'no-link') throw new NotFoundError('Link');
    if (outcome === 'replaced') {
      const dimensions = { districtId: school.districtId, schoolId: school.schoolId };
      countMetric(METRICS.linksRemoved, dimensions);
      countMetric(METRICS.codesReset, dimensions);
      return { studentId, parentId, linkRemoved: true as const, code: formatAccessCode(code.code), expiresAt: code.expiresAt };
    }
    return RETRY;
  }, () => {
    throw new BusyError('The student changed while we fixed the link. Try again.');
  });
}
