import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { UnauthenticatedError, ValidationError, WeakPasswordError, BusyError } from '../domain/errors';
import { foldName, maskedName } from '../domain/names';
import { passwordProblems, PASSWORD_PROBLEM_TEXT } from '../domain/password-policy';
import { hashPassword } from '../domain/passwords';
import { readResetToken, sameHash } from '../domain/reset-tokens';
import { invitationExpiry, LOST_CODE_MAX_PER_STUDENT, MAX_NAMED_CHILDREN } from '../domain/invitations';
import type { Actor } from '../domain/principal';
import { spreadsheetSafe } from '../domain/spreadsheet';
import { config } from '../config';
import { schoolRef, type SchoolRef } from '../data/keys';
import type { School } from '../data/schools';
import { getSchool } from '../data/schools';
import { getParent } from '../data/parents';
import { linksOfParent } from '../data/links';
import { findStudentIdByNumber, getStudent, getStudents } from '../data/student-profiles';
import {
  acceptanceItems, acceptInvitation, allGuardians, getGuardian, guardiansOfStudent, guardianState, openInvitation, revokeInvitation,
  GUARDIAN_STATES, type Guardian, type GuardianState,
} from '../data/guardians';
import { writeAuditEvents } from '../data/audit';
import { reserveGuess } from './guessing-limits';
import { sessionFor } from './parent-sign-in';

/*
 * Invitations: staff invite the guardians the SIS names (with an email on file); each gets a
 * single-use activation link by mail that shows the children named for them, masked, and on
 * confirm activates the account and links every one of them at once. A reminder goes before the
 * link expires (a schedulable job); staff resend (a new link: the old ones stop working) or
 * revoke. Lost codes are answered the same way: a fresh invitation to the addresses on file.
 */

export type InviteOutcome = 'invited' | 'no-email' | 'not-named' | 'already-linked';

/**
 * Invites (or invites again: a resend) the selected guardians of the school, each in its own
 * transaction with its audit event and its mail queued. Guardians the SIS does not name here,
 * without an email, or already linked are reported, not invited.
 */
export async function inviteGuardians(school: School, parentIds: readonly string[], actor: Actor, byJob?: string) {
  const outcomes: Record<InviteOutcome, string[]> = { invited: [], 'no-email': [], 'not-named': [], 'already-linked': [] };
  for (const parentId of new Set(parentIds)) {
    const outcome = await inviteGuardian(school, parentId, actor, byJob);
    outcomes[outcome].push(parentId);
  }
  return outcomes;
}

export async function inviteGuardian(school: School, parentId: string, actor: Actor, byJob?: string, reason?: 'lost-code'): Promise<InviteOutcome> {
  const guardian = await getGuardian(school, parentId);
  if (!guardian) return 'not-named';
  if (!guardian.hasEmail) return 'no-email';
  if (guardian.state === 'linked' || guardian.state === 'registered') return 'already-linked';
  const now = new Date();
  const at = now.toISOString();
  const invitation = { id: randomUUID(), invitedAt: at, expiresAt: invitationExpiry(now, school.invitationDays) };
  const opened = await openInvitation(
    school,
    parentId,
    invitation,
    { ...schoolRef(school), action: 'guardian.invited', actor, at, parentId, details: { expiresAt: invitation.expiresAt, resend: guardian.state !== 'not-invited', ...(byJob ? { jobId: byJob } : {}), ...(reason ? { reason } : {}) } },
    { type: 'invitation.sent', at, districtId: school.districtId, schoolId: school.schoolId, parentId, invitationId: invitation.id },
    byJob,
  );
  if (opened) return 'invited';
  // Lost a race with an acceptance, or a retried job page that already invited.
  const again = await getGuardian(school, parentId);
  return again?.state === 'linked' || again?.state === 'registered' ? 'already-linked' : byJob && again?.invitedByJob === byJob ? 'invited' : 'no-email';
}

export async function revokeGuardianInvitation(school: School, parentId: string, actor: Actor) {
  const revoked = await revokeInvitation(school, parentId, { ...schoolRef(school), action: 'guardian.invitation-revoked', actor, at: new Date().toISOString(), parentId });
  if (!revoked) throw new ValidationError('This guardian has no open invitation to revoke.', { parentId });
  return { parentId, revoked: true as const };
}

/** A guardian as staff see it: named, with the invitation's state, never the link or its hash. */
function guardianRow(guardian: Guardian, now: string) {
  return {
    parentId: guardian.parentId,
    firstName: guardian.firstName,
    lastName: guardian.lastName,
    hasEmail: guardian.hasEmail,
    students: guardian.studentIds.length,
    state: guardianState(guardian, now),
    ...(guardian.invitation ? { invitedAt: guardian.invitation.invitedAt, expiresAt: guardian.invitation.expiresAt } : {}),
    ...(guardian.invitation?.sentAt ? { sentAt: guardian.invitation.sentAt } : {}),
    ...(guardian.invitation?.remindedAt ? { remindedAt: guardian.invitation.remindedAt } : {}),
    ...(guardian.acceptedAt ? { acceptedAt: guardian.acceptedAt } : {}),
  };
}

/**
 * The school's guardians with their invitation state: counts per state, and one page of those in
 * the asked state (all otherwise) in name order. Reads the school's whole guardian partition
 * (about 250 bytes a guardian: 10,000 guardians are three 1 MB query pages).
 */
/** `state`: one of GUARDIAN_STATES (the route's schema checks it). */
export async function listGuardians(school: SchoolRef, filter: { state?: string; limit: number; offset: number; studentId?: string }) {
  const now = new Date().toISOString();
  const named = filter.studentId ? new Set(await guardiansOfStudent(school, filter.studentId)) : undefined;
  const rows = (await allGuardians(school))
    .filter((g) => !named || named.has(g.parentId))
    .map((g) => guardianRow(g, now))
    .sort((a, b) => foldName(`${a.lastName}|${a.firstName}|${a.parentId}`).localeCompare(foldName(`${b.lastName}|${b.firstName}|${b.parentId}`)));
  const counts = Object.fromEntries(GUARDIAN_STATES.map((state) => [state, rows.filter((r) => r.state === state).length])) as Record<GuardianState, number>;
  const matching = filter.state ? rows.filter((r) => r.state === filter.state) : rows;
  return {
    total: matching.length,
    counts,
    items: matching.slice(filter.offset, filter.offset + filter.limit),
    ...(filter.offset + filter.limit < matching.length ? { nextOffset: filter.offset + filter.limit } : {}),
  };
}

/** The same as a spreadsheet-safe CSV (every guardian, or one state). */
export async function guardiansCsv(school: SchoolRef, state?: string): Promise<string> {
  const { items } = await listGuardians(school, { ...(state ? { state } : {}), limit: Number.MAX_SAFE_INTEGER, offset: 0 });
  const columns = ['parentId', 'lastName', 'firstName', 'hasEmail', 'students', 'state', 'invitedAt', 'sentAt', 'remindedAt', 'expiresAt', 'acceptedAt'] as const;
  return stringify(
    items.map((row) => columns.map((column) => spreadsheetSafe(String((row as Record<string, unknown>)[column] ?? '')))),
    { header: true, columns: [...columns], record_delimiter: 'windows' },
  );
}

// ---- The guardian's side: the activation link ----

export interface ActivationInput {
  districtId: string;
  schoolId: string;
  token: string;
  sourceIp: string;
}

/** An invitation link the way the mail carries it: the guardian's id and a secret (see reset-tokens.ts). */
async function openLink(input: ActivationInput, now: Date) {
  // One limit per address: a token is unguessable; this caps what a caller can make us read and hash.
  await reserveGuess([[{ scope: 'recovery-address', subject: `invite:${input.sourceIp}` }, config.RECOVERY_MAX_PER_ADDRESS]], now);
  const read = readResetToken(input.token);
  const school = read && /^[A-Za-z0-9_-]{1,128}$/.test(read.parentId) ? await getSchool({ districtId: input.districtId, schoolId: input.schoolId }) : undefined;
  const guardian = school ? await getGuardian(school, read!.parentId) : undefined;
  const invitation = guardian?.invitation;
  const open = guardian && invitation && ['invited', 'sent', 'delivered'].includes(guardian.state) && invitation.expiresAt > now.toISOString();
  const hash = open ? invitation.hashes?.find((stored) => sameHash(stored, read!.hash)) : undefined;
  if (!school || !guardian || !hash) throw invitationNotValid();
  return { school, guardian, hash };
}

const invitationNotValid = () =>
  new UnauthenticatedError('This invitation link is not valid: it was used, replaced by a newer one, revoked or expired. Ask the school to send a new one.');

/** What the guardian sees before confirming: the school, the children named (masked, with grade), the user name, the expiry. */
export async function previewInvitation(input: ActivationInput) {
  const { school, guardian } = await openLink(input, new Date());
  const [parent, students] = await Promise.all([getParent(school.districtId, guardian.parentId), getStudents(school, guardian.studentIds)]);
  if (!parent) throw invitationNotValid();
  return {
    school: school.name,
    userName: parent.userName,
    expiresAt: guardian.invitation!.expiresAt,
    hasPassword: Boolean(parent.passwordHash),
    students: guardian.studentIds.flatMap((id) => {
      const student = students.get(id);
      return student ? [{ student: maskedName(student.firstName, student.lastName), ...(student.grade ? { grade: student.grade } : {}) }] : [];
    }),
  };
}

/**
 * Accepting: one transaction activates the account (with the guardian's own password, or none
 * yet when a passkey follows), links every named child not already linked and spends the
 * invitation; then a session, so the portal opens signed in (and can register a passkey).
 * The password follows the rules of a first sign-in. A guardian who chose a passkey and leaves
 * before registering one can still reset the password by mail.
 */
export async function acceptInvitationWithLink(input: ActivationInput & { newPassword?: string }) {
  const now = new Date();
  const { school, guardian, hash } = await openLink(input, now);
  const parent = await getParent(school.districtId, guardian.parentId);
  if (!parent) throw invitationNotValid();
  if (input.newPassword !== undefined) {
    const problems = passwordProblems(input.newPassword, parent);
    if (problems.length) throw new WeakPasswordError(problems.map((problem) => ({ problem, message: PASSWORD_PROBLEM_TEXT[problem]! })));
  }
  const passwordHash = input.newPassword !== undefined ? await hashPassword(input.newPassword) : undefined;
  const at = now.toISOString();
  const actor = { type: 'parent' as const, id: parent.parentId };
  const linked = new Set((await linksOfParent(parent.districtId, parent.parentId)).filter((l) => l.schoolId === school.schoolId).map((l) => l.studentId));
  const present = await getStudents(school, guardian.studentIds);
  const toLink = guardian.studentIds.filter((id) => present.has(id) && !linked.has(id)).slice(0, MAX_NAMED_CHILDREN);
  const links = toLink.map((studentId) => ({ ...schoolRef(school), studentId, parentId: parent.parentId, linkedAt: at }));
  const audits = [
    { ...schoolRef(school), action: 'guardian.invitation-accepted', actor, at, parentId: parent.parentId, details: { linked: links.length, password: passwordHash !== undefined, sourceIp: input.sourceIp } },
    ...links.map((link) => ({ ...schoolRef(school), action: 'link.created', actor, at, studentId: link.studentId, parentId: parent.parentId, reason: 'invitation accepted' })),
  ];
  // MAX_NAMED_CHILDREN keeps this within DynamoDB's 100 items per transaction.
  if (acceptanceItems(links.length, audits.length) > 100) throw new Error('Too many children for one acceptance');
  const outcome = await acceptInvitation(school, guardian, hash, { districtId: parent.districtId, parentId: parent.parentId, sessionVersion: parent.sessionVersion ?? 0, at, ...(passwordHash ? { passwordHash } : {}) }, links, audits);
  if (outcome === 'invalid') throw invitationNotValid();
  if (outcome === 'changed') throw new BusyError('Your account changed while we activated it. Open the link again.');
  const session = await sessionFor(parent, (parent.sessionVersion ?? 0) + 1, undefined);
  return { userName: parent.userName, linked: links.length, ...session };
}

// ---- Lost codes ----

const LOST_CODE_ACCEPTED = {
  accepted: true as const,
  message: 'If the school has an email address on file for this student’s parents or guardians, an invitation is on its way to it. It never goes to an address typed here.',
};

/**
 * "I lost my letter": a parent names the student (first and last name and the student number).
 * If they match a student whose SIS names guardians with an email, each such guardian not yet
 * linked gets a fresh invitation at the address on file, never the requester (who may be
 * anyone). The answer is the same whatever matched; limited per student and per address; every
 * request audited in the school's trail; the school may turn it off (the same answer, nothing sent).
 */
export async function requestLostCode(input: { districtId: string; schoolId: string; firstName: string; lastName: string; studentNumber: string; sourceIp: string }) {
  const now = new Date();
  await reserveGuess(
    [
      [{ scope: 'recovery-account', subject: `lost:${input.districtId}#${input.schoolId}#${foldName(input.studentNumber)}` }, LOST_CODE_MAX_PER_STUDENT],
      [{ scope: 'recovery-address', subject: input.sourceIp }, config.RECOVERY_MAX_PER_ADDRESS],
    ],
    now,
  );
  const school = await getSchool({ districtId: input.districtId, schoolId: input.schoolId });
  if (!school) return LOST_CODE_ACCEPTED;
  const enabled = school.lostCodeRequests !== 'off';
  const studentId = enabled ? await findStudentIdByNumber(school, input.studentNumber.trim()) : undefined;
  const student = studentId ? await getStudent(school, studentId) : undefined;
  const matches = student && foldName(student.firstName) === foldName(input.firstName) && foldName(student.lastName) === foldName(input.lastName);
  const invited: string[] = [];
  if (matches) {
    for (const parentId of await guardiansOfStudent(school, student.studentId)) {
      if ((await inviteGuardian(school, parentId, { type: 'system', id: 'lost-code' }, undefined, 'lost-code')) === 'invited') invited.push(parentId);
    }
  }
  const at = now.toISOString();
  // Audited whatever matched; the event carries no name as typed.
  await writeAuditEvents([
    { ...schoolRef(school), action: 'code.lost-requested', actor: { type: 'parent', id: 'unknown' }, at, ...(matches ? { studentId: student.studentId } : {}), details: { matched: Boolean(matches), invited: invited.length, enabled, sourceIp: input.sourceIp } },
  ]);
  return LOST_CODE_ACCEPTED;
}
