import type { operations } from '../api/schema';

/** The trail's actions, from the API's own list: a new action without words here fails the console's build. */
export type AuditAction = NonNullable<NonNullable<operations['listAudit']['parameters']['query']>['action']>;

/**
 * Audit actions as the office reads them. The API's action codes stay the record (and the
 * filter's value); a code not listed here is shown as it is.
 */
export const ACTION_WORDS: Record<AuditAction, string> = {
  'code.reset': 'Code reset',
  'code.viewed': 'Codes shown on screen',
  'code.exported': 'Codes exported',
  'code.previewed': 'Code checked by a parent',
  'code.lost-requested': 'Lost letter reported',
  'link.created': 'Parent linked',
  'link.removed': 'Parent link removed',
  'case.opened': '“Not my child” reported',
  'case.resolved': 'Wrong link fixed',
  'student.created': 'Student added',
  'student.updated': 'Student changed',
  'parent.upserted': 'Parent added or changed',
  'parent.looked-up': 'Parent looked up',
  'parents.searched': 'Parents searched',
  'parent.password-set': 'Password set by staff',
  'parent.password-changed': 'Password changed by the parent',
  'parent.password-reset': 'Password reset by mail',
  'parent.recovery-requested': 'Account recovery asked',
  'parent.sign-in': 'Parent signed in',
  'parent.signed-out': 'Parent signed out',
  'parent.locked': 'Account locked',
  'parent.unlocked': 'Account unlocked',
  'parent.passkey-added': 'Passkey added',
  'parent.passkey-removed': 'Passkey removed',
  'guardian.named': 'Guardian named by the roster',
  'guardian.invited': 'Guardian invited',
  'guardian.reminded': 'Invitation reminder',
  'guardian.invitation-accepted': 'Invitation accepted',
  'guardian.invitation-revoked': 'Invitation revoked',
  'job.started': 'Job started',
  'job.finished': 'Job finished',
  'job.cancelled': 'Job stopped',
  'job.interrupted': 'Job interrupted',
  'job.refused': 'Job refused',
  'job.file-linked': 'Job file downloaded',
  'schedule.saved': 'Schedule saved',
  'schedule.deleted': 'Schedule deleted',
  'school.created': 'School added',
  'school.updated': 'School settings changed',
};

export const actionWords = (action: string) => ACTION_WORDS[action as AuditAction] ?? action;

/** Detail names as words ("linksRemoved" → "links removed"). */
export const detailWords = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
