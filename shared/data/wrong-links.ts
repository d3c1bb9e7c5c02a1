import { table, transact, numbered } from './client';
import { keys } from './keys';
import { auditPut, AuditEvent } from './audit';
import { linkDelete, linkEvent, LinkRef } from './links';
import { linkSummaryName } from './link-summary';
import { Student } from './student-profiles';
import { codeSwapItems, IssuedCode, ReplaceOutcome, swapOutcome } from './student-codes';

/**
 * A parent reports "this is not my child": the link goes, the student is flagged for staff and a
 * case is opened, all in one transaction. False when the parent had no such link.
 */
export async function reportWrongLink(link: LinkRef, flag: { at: string; reason?: string }, audits: AuditEvent[]): Promise<boolean> {
  const cancelled = await transact({
    link: linkDelete(link),
    flag: {
      Update: {
        TableName: table('students'),
        Key: keys.student(link, link.studentId),
        UpdateExpression: 'SET flag = :flag REMOVE #lp',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#lp': linkSummaryName(link.parentId) },
        ExpressionAttributeValues: { ':flag': { at: flag.at, parentId: link.parentId, ...(flag.reason ? { reason: flag.reason } : {}) } },
      },
    },
    ...numbered('audit', audits.map(auditPut)),
    notice: linkEvent('link.removed', link, flag.at),
  });
  if (!cancelled) return true;
  if (cancelled.failed.has('link')) return false;
  throw new Error(`Wrong-link report cancelled: ${cancelled.codes}`);
}

export type FixOutcome = ReplaceOutcome | 'no-link';

/**
 * The article's whole fix in one step and one transaction: remove the wrong link, swap the
 * student's code (clearing any wrong-link flag), record the case. Nothing happens unless all do.
 */
export async function fixWrongLink(student: Student, link: LinkRef, code: IssuedCode, audits: AuditEvent[]): Promise<FixOutcome> {
  const cancelled = await transact({
    link: linkDelete(link),
    ...codeSwapItems(student, code, { clearFlag: true, unlinkParent: link.parentId }),
    ...numbered('audit', audits.map(auditPut)),
    notice: linkEvent('link.removed', link, audits[0]!.at),
  });
  if (cancelled?.failed.has('link')) return 'no-link';
  return swapOutcome(cancelled);
}

/**
 * The fix when the parent already removed the link by reporting "not my child": swap the code
 * and close that parent's flag, in one transaction, only while the flag is still theirs.
 */
export async function closeReportedWrongLink(student: Student, parentId: string, code: IssuedCode, audits: AuditEvent[]): Promise<FixOutcome> {
  const cancelled = await transact({
    ...codeSwapItems(student, code, { clearFlag: true, onlyIfFlaggedBy: parentId }),
    ...numbered('audit', audits.map(auditPut)),
  });
  return swapOutcome(cancelled);
}
