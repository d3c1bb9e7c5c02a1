import { addressBlock } from '../domain/address-block';
import { foldEmail, foldUserName } from '../domain/names';

/**
 * The only place keys are built. Every key that belongs to a school or district carries its id,
 * so one tenant's request can never address another tenant's item by forgetting a prefix.
 */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

function id(value: string): string {
  // Ids are validated at the edge too; this guards the separator against anything that slips by.
  if (!SAFE_ID.test(value)) throw new Error('Unsafe id reached the key builder');
  return value;
}

export const keys = {
  school: (schoolId: string) => ({ pk: `SCHOOL#${id(schoolId)}` }),
  student: (schoolId: string, studentId: string) => ({ pk: `STUDENT#${id(schoolId)}#${id(studentId)}` }),
  studentNumber: (schoolId: string, studentNumber: string) => `${id(schoolId)}#${studentNumber}`,
  parent: (districtId: string, parentId: string) => ({ pk: `PARENT#${id(districtId)}#${id(parentId)}` }),
  code: (codeHash: string) => ({ pk: `CODE#${codeHash}` }),
  link: (schoolId: string, studentId: string, parentId: string) => ({
    pk: `STUDENT#${id(schoolId)}#${id(studentId)}`,
    sk: `PARENT#${id(parentId)}`,
  }),
  linksOfStudent: (schoolId: string, studentId: string) => `STUDENT#${id(schoolId)}#${id(studentId)}`,
  /** byParent index partition: a parent's links across the district's schools. */
  linksOfParent: (districtId: string, parentId: string) => `PARENT#${id(districtId)}#${id(parentId)}`,
  linkStudentSortKey: (schoolId: string, studentId: string) => `STUDENT#${id(schoolId)}#${id(studentId)}`,
  auditPartition: (schoolId: string) => `AUDIT#${id(schoolId)}`,
  /** District-level events (a parent's own account changes); cannot collide with a school id. */
  districtAuditPartition: (districtId: string) => `AUDIT#DISTRICT#${id(districtId)}`,
  userName: (districtId: string, userName: string) => ({ pk: `USERNAME#${id(districtId)}#${foldUserName(userName)}` }),
  emailKey: (districtId: string, email: string) => `${id(districtId)}#${foldEmail(email)}`,
  outboxEvent: (eventId: string) => ({ pk: `EVENT#${eventId}` }),
  job: (jobId: string) => ({ pk: `JOB#${id(jobId)}`, sk: 'JOB' }),
  jobPage: (jobId: string, page: string) => ({ pk: `JOB#${id(jobId)}`, sk: `PAGE#${page}` }),
  /** A segment's progress, in a partition of its own: segments commit pages at once without sharing an item or a partition. */
  jobSegment: (jobId: string, segment: number) => ({ pk: `JOB#${id(jobId)}#SEG#${segment}`, sk: 'SEGMENT' }),
  /** The count of a school's running jobs: what the per-school job limit is checked against. */
  jobSlots: (schoolId: string) => ({ pk: `JOBSLOTS#${id(schoolId)}`, sk: 'SLOTS' }),
  schedule: (schoolId: string, name: string) => ({ pk: `SCHEDULES#${id(schoolId)}`, sk: id(name) }),
  schedulesOf: (schoolId: string) => `SCHEDULES#${id(schoolId)}`,
  /** A counter; the per-address scopes (`*-address`) count the address's block, an IPv6 /64, so rotating within it buys nothing. */
  throttle: (scope: string, subject: string, windowStart: number) => ({
    pk: `THROTTLE#${scope}#${scope.endsWith('-address') ? addressBlock(subject) : subject}#${windowStart}`,
  }),
  /** The last id of a student or parent key (`STUDENT#school#id`, `PARENT#district#id`): the only key parsing. */
  idOf: (pk: string) => {
    const parts = pk.split('#');
    if (parts.length !== 3 || !parts[2]) throw new Error('Not a student or parent key');
    return parts[2];
  },
};

