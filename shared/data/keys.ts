import { addressBlock } from '../domain/address-block';
import { foldEmail, foldUserName } from '../domain/names';

/**
 * The only place keys are built. Every key that belongs to a school or district carries its id,
 * so one tenant's request can never address another tenant's item by forgetting a prefix. A
 * school's keys carry its district too: school ids are the SIS's, unique only within a district,
 * so two districts may both have a school "100" and neither can learn or take the other's.
 */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

function id(value: string): string {
  // Ids are validated at the edge too; this guards the separator against anything that slips by.
  if (!SAFE_ID.test(value)) throw new Error('Unsafe id reached the key builder');
  return value;
}

/** A school as its keys name it: the district's id and the school's id within it. */
export interface SchoolRef {
  districtId: string;
  schoolId: string;
}

/** Just the two ids, whatever larger object (a school, a student, a link, a job) they come from. */
export function schoolRef(of: SchoolRef): SchoolRef {
  return { districtId: of.districtId, schoolId: of.schoolId };
}

function inDistrict(school: SchoolRef): string {
  return `${id(school.districtId)}#${id(school.schoolId)}`;
}

export const keys = {
  school: (school: SchoolRef) => ({ pk: `SCHOOL#${inDistrict(school)}` }),
  student: (school: SchoolRef, studentId: string) => ({ pk: `STUDENT#${inDistrict(school)}#${id(studentId)}` }),
  studentNumber: (school: SchoolRef, studentNumber: string) => `${inDistrict(school)}#${studentNumber}`,
  /** The `districtSchool` attribute: the partition of the indexes that list a school's students and jobs. */
  districtSchool: (school: SchoolRef) => inDistrict(school),
  parent: (districtId: string, parentId: string) => ({ pk: `PARENT#${id(districtId)}#${id(parentId)}` }),
  code: (codeHash: string) => ({ pk: `CODE#${codeHash}` }),
  link: (school: SchoolRef, studentId: string, parentId: string) => ({
    pk: `STUDENT#${inDistrict(school)}#${id(studentId)}`,
    sk: `PARENT#${id(parentId)}`,
  }),
  linksOfStudent: (school: SchoolRef, studentId: string) => `STUDENT#${inDistrict(school)}#${id(studentId)}`,
  /** byParent index partition: a parent's links across the district's schools. */
  linksOfParent: (districtId: string, parentId: string) => `PARENT#${id(districtId)}#${id(parentId)}`,
  linkStudentSortKey: (school: SchoolRef, studentId: string) => `STUDENT#${inDistrict(school)}#${id(studentId)}`,
  auditPartition: (school: SchoolRef) => `AUDIT#SCHOOL#${inDistrict(school)}`,
  /** District-level events (a parent's own account changes); one part fewer than a school's, so the two never meet. */
  districtAuditPartition: (districtId: string) => `AUDIT#DISTRICT#${id(districtId)}`,
  userName: (districtId: string, userName: string) => ({ pk: `USERNAME#${id(districtId)}#${foldUserName(userName)}` }),
  emailKey: (districtId: string, email: string) => `${id(districtId)}#${foldEmail(email)}`,
  outboxEvent: (eventId: string) => ({ pk: `EVENT#${eventId}` }),
  /** One notice's mail to one of its recipients (`to` is the recipient's place: 0 the current address, 1 the previous). */
  mailDelivery: (eventId: string, to: number) => ({ pk: `DELIVERY#${id(eventId)}#${to}` }),
  /** What SES reported about an address a district mails (bounce, complaint). */
  mailAddress: (districtId: string, email: string) => ({ pk: `ADDRESS#${id(districtId)}#${foldEmail(email)}` }),
  /** A school's guardians partition: guardian items (`PARENT#id`) and their named children (`STUDENT#student#PARENT#id`). */
  guardians: (school: SchoolRef) => `GUARDIANS#${inDistrict(school)}`,
  guardian: (school: SchoolRef, parentId: string) => ({ pk: `GUARDIANS#${inDistrict(school)}`, sk: `PARENT#${id(parentId)}` }),
  guardianOf: (school: SchoolRef, studentId: string, parentId: string) => ({ pk: `GUARDIANS#${inDistrict(school)}`, sk: `STUDENT#${id(studentId)}#PARENT#${id(parentId)}` }),
  guardiansOfStudent: (studentId: string) => `STUDENT#${id(studentId)}#PARENT#`,
  job: (jobId: string) => ({ pk: `JOB#${id(jobId)}`, sk: 'JOB' }),
  jobPage: (jobId: string, page: string) => ({ pk: `JOB#${id(jobId)}`, sk: `PAGE#${page}` }),
  /** A segment's progress, in a partition of its own: segments commit pages at once without sharing an item or a partition. */
  jobSegment: (jobId: string, segment: number) => ({ pk: `JOB#${id(jobId)}#SEG#${segment}`, sk: 'SEGMENT' }),
  /** The count of a school's running jobs: what the per-school job limit is checked against. */
  jobSlots: (school: SchoolRef) => ({ pk: `JOBSLOTS#${inDistrict(school)}`, sk: 'SLOTS' }),
  schedule: (school: SchoolRef, name: string) => ({ pk: `SCHEDULES#${inDistrict(school)}`, sk: id(name) }),
  schedulesOf: (school: SchoolRef) => `SCHEDULES#${inDistrict(school)}`,
  /** A single-use WebAuthn challenge (registration or sign-in), by its random id. */
  webauthnChallenge: (challengeId: string) => ({ pk: `WEBAUTHN#${id(challengeId)}` }),
  /** A counter; the per-address scopes (`*-address`) count the address's block, an IPv6 /64, so rotating within it buys nothing. */
  throttle: (scope: string, subject: string, windowStart: number) => ({
    pk: `THROTTLE#${scope}#${scope.endsWith('-address') ? addressBlock(subject) : subject}#${windowStart}`,
  }),
  /** The last id of a student or parent key (`STUDENT#district#school#id`, `PARENT#district#id`): the only key parsing. */
  idOf: (pk: string) => {
    const parts = pk.split('#');
    const expected = parts[0] === 'STUDENT' ? 4 : parts[0] === 'PARENT' ? 3 : 0;
    if (parts.length !== expected || !parts[expected - 1]) throw new Error('Not a student or parent key');
    return parts[expected - 1]!;
  },
};

