import type { operations } from './schema';

/** The JSON answer of an operation, straight from the OpenAPI document's types. */
type Answer<Op extends keyof operations, Status extends keyof operations[Op]['responses']> = operations[Op]['responses'][Status] extends {
  content: { 'application/json': infer Body };
}
  ? Body
  : never;

export type Student = Answer<'listStudents', 200>['items'][number];
export type Parent = Answer<'findParents', 200>['items'][number];
export type PasswordSet = Answer<'setParentPassword', 200>;
export type Job = Answer<'getJob', 200>;
export type Schedule = Answer<'listSchedules', 200> extends { items: (infer S)[] } ? S : never;
export type AuditEvent = Answer<'listAudit', 200>['items'][number];
export type MyStudent = Answer<'listMyStudents', 200>['students'][number];
export type Preview = Answer<'previewCode', 200>;
export type School = Answer<'listSchools', 200>['items'][number];
export type CodeLifecycle = Answer<'codeLifecycle', 200>;
export type GuardianList = Answer<'listGuardians', 200>;
export type Guardian = GuardianList['items'][number];
export type InvitationPreview = Answer<'previewInvitation', 200>;
