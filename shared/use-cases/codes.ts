import { formatAccessCode, generateAccessCode, hashAccessCode, normalizeAccessCode } from '../domain/access-code';
import { NotFoundError, InvalidCodeError, BusyError } from '../domain/errors';
import { Actor, ParentPrincipal } from '../domain/principal';
import { config } from '../config';
import { codePepper } from '../secrets';
import { codeVault } from '../crypto/code-vault';
import { mapWithConcurrency } from '../concurrency';
import { retryOnConflict, RETRY } from '../retry';
import type { School } from '../data/schools';
import { getStudent, getStudents, Student } from '../data/student-profiles';
import { findCodeOwner, IssuedCode, replaceCode } from '../data/student-codes';
import { getSchool } from '../data/schools';
import { linkThroughCode } from '../data/links';
import { schoolRef, type SchoolRef } from '../data/keys';
import { countFailedGuess } from '../data/throttle';
import { recordPreview } from '../data/recent-previews';
import { linkSummaryOf } from '../data/link-summary';
import { maskedName } from '../domain/names';
import { reserveGuess } from './guessing-limits';
import { countMetric } from '../observability';
import { METRICS } from '../metric-names';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a sealed code is bound to: it opens only on its own student's item. */
export const sealedCodeContext = (schoolId: string, studentId: string) => `${schoolId}/${studentId}`;

/** A student's current code, readable (for the functions allowed to open the vault). */
export async function readableCode(student: { schoolId: string; studentId: string; sealedCode: string }): Promise<string> {
  return formatAccessCode(await (await codeVault()).open(student.sealedCode, sealedCodeContext(student.schoolId, student.studentId)));
}

/**
 * A fresh code for a student of this school, with the school's expiry policy applied: hashed for
 * look-up, sealed for staff to read back, and in the clear only in this response.
 */
export async function issueCode(school: School, studentId: string, now: Date): Promise<IssuedCode> {
  const code = generateAccessCode();
  return {
    code,
    sealedCode: await (await codeVault()).seal(code, sealedCodeContext(school.schoolId, studentId)),
    codeHash: hashAccessCode(code, await codePepper()),
    issuedAt: now.toISOString(),
    expiresAt: school.codeTtlDays ? new Date(now.getTime() + school.codeTtlDays * DAY_MS).toISOString() : undefined,
  };
}

/**
 * Reset one student's code.
 * Input: the school (already authorized), a student id, the actor and an optional reason.
 * Primary course: 1. read the student; 2. issue a new code; 3. swap it in one transaction with
 * the audit event, conditional on the code we read. A concurrent reset makes step 3 stale, so we
 * read again and retry: both resets take effect in turn and exactly one code is live after.
 */
export async function resetStudentCode(
  school: School,
  studentId: string,
  actor: Actor,
  reason?: string,
): Promise<{ studentId: string; code: string; expiresAt?: string }> {
  return retryOnConflict(
    async () => {
      const student = await getStudent(school, studentId);
      if (!student) throw new NotFoundError('Student');
      return (await swapCode(school, student, actor, reason)) ?? RETRY;
    },
    () => {
      throw new BusyError('The student changed while we reset the code. Try again.');
    },
  );
}

async function swapCode(school: School, student: Student, actor: Actor, reason?: string) {
  const now = new Date();
  const code = await issueCode(school, student.studentId, now);
  const outcome = await replaceCode(student, code, {
    ...schoolRef(school),
    action: 'code.reset',
    actor,
    at: now.toISOString(),
    studentId: student.studentId,
    reason,
  });
  return outcome === 'replaced'
    ? { studentId: student.studentId, code: formatAccessCode(code.code), expiresAt: code.expiresAt }
    : undefined;
}

/**
 * Reset the codes of selected students. Every id is checked first: if any is unknown in this
 * school, nothing is reset and the unknown ids are reported.
 */
export async function resetSelectedCodes(school: School, studentIds: readonly string[], actor: Actor, reason?: string) {
  await requireStudents(school, studentIds);
  const results = await mapWithConcurrency([...new Set(studentIds)], 16, (id) =>
    resetStudentCode(school, id, actor, reason),
  );
  countMetric(METRICS.codesReset, { districtId: school.districtId, schoolId: school.schoolId }, results.length);
  return { reset: results.length, students: results };
}

export async function requireStudents(school: SchoolRef, studentIds: readonly string[]): Promise<Map<string, Student>> {
  const found = await getStudents(school, studentIds);
  const missing = [...new Set(studentIds)].filter((id) => !found.has(id));
  if (missing.length) {
    throw new NotFoundError(missing.length === 1 ? 'Student' : `${missing.length} of the students`);
  }
  return found;
}

/** Who is guessing, for the limits and the metrics. */
interface Guesser {
  parent: ParentPrincipal;
  sourceIp: string;
  /** Schools that roster the parent: failed guesses count for each, for the per-school alarms. */
  rosterSchools: ReadonlySet<string>;
}

/**
 * Every use of a code by a parent is a guess: 1. reserve a guessing slot for the parent and the
 * source address (429 when either is used up); 2. try the code; 3. a code that does not work
 * keeps the slots and gets one uniform answer (unknown, malformed, expired, reset and
 * other-district codes alike); a working one gives the slots back, so only failures count.
 */
async function asGuess<T>(guesser: Guesser, attempt: (now: Date) => Promise<T | Charged<T> | undefined | 'busy'>): Promise<T> {
  const now = new Date();
  const district = { districtId: guesser.parent.districtId };
  const { release, attempts } = await reserveGuess(
    [
      [{ scope: 'redeem-parent', subject: `${guesser.parent.districtId}#${guesser.parent.id}` }, config.THROTTLE_MAX_FAILURES_PER_PARENT],
      [{ scope: 'redeem-address', subject: guesser.sourceIp }, config.THROTTLE_MAX_FAILURES_PER_ADDRESS],
    ],
    now,
  ).catch((error: unknown) => {
    countMetric(METRICS.redeemThrottled, district);
    throw error;
  });
  const outcome = await attempt(now);
  if (outcome === 'busy') {
    // Not a wrong guess: the code is fine but the student stayed contended. Give the slots back.
    await release();
    throw new BusyError('Many people are using this code right now. Try again in a moment.');
  }
  if (outcome === undefined) {
    // Per district, and per school that rosters the parent, for the guessing alarms.
    countMetric(METRICS.redeemFailed, district);
    for (const schoolId of guesser.rosterSchools) countMetric(METRICS.redeemFailed, { ...district, schoolId });
    // Kept by day for each of those schools too, for the code lifecycle view.
    await countFailedGuess([...guesser.rosterSchools].map((schoolId) => ({ districtId: guesser.parent.districtId, schoolId })), now);
    // One address failing for many parents looks like guessing: alarm on it rather than block a school's NAT.
    if (attempts[1]! >= config.REDEEM_ADDRESS_ALERT_FAILURES) countMetric(METRICS.redeemFailuresFromOneAddress, district);
    throw new InvalidCodeError();
  }
  // A working code whose use still costs its guess (a repeated preview) keeps the slots.
  if (outcome instanceof Charged) return outcome.value;
  await release();
  return outcome;
}

/** A success that keeps its guessing slots: the answer was given, but the look was not new. */
class Charged<T> {
  constructor(readonly value: T) {}
}

/** The student a code belongs to, if it is a code of a school of the parent's district. */
async function resolveCode(parent: ParentPrincipal, rawCode: string) {
  const canonical = normalizeAccessCode(rawCode);
  if (!canonical) return undefined;
  const codeHash = hashAccessCode(canonical, await codePepper());
  const owner = await findCodeOwner(codeHash);
  if (!owner || owner.districtId !== parent.districtId) return undefined;
  const school = await getSchool(owner);
  if (!school) return undefined;
  return { codeHash, owner, school };
}

/**
 * A parent redeems a code to link to its student: a guess (see asGuess) whose success writes the
 * link atomically, conditional on the code being current and unexpired at commit time.
 */
export async function redeemCode(parent: ParentPrincipal, rawCode: string, sourceIp: string, rosterSchools: ReadonlySet<string> = new Set()) {
  const linked = await asGuess({ parent, sourceIp, rosterSchools }, async (now) => {
    const resolved = await resolveCode(parent, rawCode);
    return resolved ? linkThroughResolvedCode(parent, resolved, now) : undefined;
  });
  if (!linked.alreadyLinked) countMetric(METRICS.redeemSucceeded, { districtId: parent.districtId, schoolId: linked.schoolId });
  return linked;
}

/**
 * "Is this your child?" before linking: whose code it is, masked ("E*** S.", the school), and no
 * ids. It is a guess like a redeem (same limits, same answer for a bad code) and is audited in
 * the school's trail, so staff see who looked at which student's code.
 * Only a new look is free and recorded: the first preview by this parent of this student on a
 * UTC day gives its guessing slot back and writes `code.previewed` (marker and event in one
 * transaction). A repeat that day, or a preview of a student the parent is already linked to,
 * still answers but keeps its slot and writes nothing, so one valid code cannot buy unlimited
 * looks or flood the trail: at most one event per parent, student and day.
 */
export async function previewCode(parent: ParentPrincipal, rawCode: string, sourceIp: string, rosterSchools: ReadonlySet<string> = new Set()) {
  return asGuess({ parent, sourceIp, rosterSchools }, async (now) => {
    const resolved = await resolveCode(parent, rawCode);
    if (!resolved) return undefined;
    const student = await getStudent(resolved.owner, resolved.owner.studentId);
    const at = now.toISOString();
    const current = student && student.codeHash === resolved.codeHash && (!student.codeExpiresAt || student.codeExpiresAt > at);
    if (!current) return undefined;
    const answer = { student: maskedName(student.firstName, student.lastName), grade: student.grade, school: resolved.school.name };
    if (linkSummaryOf(student).some((link) => link.parentId === parent.id)) return new Charged(answer);
    const recorded = await recordPreview(
      { districtId: parent.districtId, parentId: parent.id, schoolId: student.schoolId, studentId: student.studentId },
      { ...schoolRef(student), action: 'code.previewed', actor: { type: 'parent', id: parent.id }, at, studentId: student.studentId, parentId: parent.id },
      now,
    );
    return recorded === 'recorded' ? answer : new Charged(answer);
  });
}

async function linkThroughResolvedCode(parent: ParentPrincipal, resolved: NonNullable<Awaited<ReturnType<typeof resolveCode>>>, now: Date) {
  const { owner, codeHash } = resolved;
  const at = now.toISOString();
  // Concurrent redeems of one code (two parents, one letter) conflict on the student item; a
  // conflict is not a wrong code, so try again after a short jittered pause.
  const outcome = await retryOnConflict(
    async () => {
      const attempt = await linkOnce(parent, owner, codeHash, at);
      return attempt === 'conflict' ? RETRY : attempt;
    },
    () => 'busy' as const,
  );
  if (outcome === 'busy') return outcome;
  if (outcome === 'code-dead') return undefined;
  return { schoolId: owner.schoolId, studentId: owner.studentId, alreadyLinked: outcome === 'already-linked' };
}

function linkOnce(parent: ParentPrincipal, owner: SchoolRef & { studentId: string }, codeHash: string, at: string) {
  return linkThroughCode(
    { schoolId: owner.schoolId, studentId: owner.studentId, districtId: parent.districtId, parentId: parent.id, linkedAt: at },
    { codeHash, now: at },
    {
      ...schoolRef(owner),
      action: 'link.created',
      actor: { type: 'parent', id: parent.id },
      at,
      studentId: owner.studentId,
      parentId: parent.id,
    },
  );
}
