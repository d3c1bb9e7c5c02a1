import type { TransactItem } from './client';
import { table } from './client';
import { keys, type SchoolRef } from './keys';

/**
 * Each student item carries a summary of its links, one attribute per linked parent
 * (`lp_<parentId>` = when linked), written in the same transaction as the link item itself, so
 * the two never disagree. A page of students then comes with its parents in one BatchGet instead
 * of a links query per student (issue 11: a page in at most 4 round trips). The link items stay
 * the record (a parent's own list, the clear jobs); the summary is for reading a page.
 *
 * Not in the `byDistrictSchool` index projection: link changes never write the index.
 */
const PREFIX = 'lp_';

export const linkSummaryName = (parentId: string) => `${PREFIX}${parentId}`;

/** The parents a student item says it is linked to, earliest first. */
export function linkSummaryOf(item: object): { parentId: string; linkedAt: string }[] {
  return Object.entries(item)
    .filter(([name, value]) => name.startsWith(PREFIX) && typeof value === 'string')
    .map(([name, linkedAt]) => ({ parentId: name.slice(PREFIX.length), linkedAt: linkedAt as string }))
    .sort((a, b) => a.linkedAt.localeCompare(b.linkedAt) || a.parentId.localeCompare(b.parentId));
}

/** The student-item half of adding or removing one link (the student must exist). */
export function studentLinkUpdate(link: SchoolRef & { studentId: string; parentId: string }, change: { linkedAt: string } | 'remove'): TransactItem {
  return {
    Update: {
      TableName: table('students'),
      Key: keys.student(link, link.studentId),
      UpdateExpression: change === 'remove' ? 'REMOVE #lp' : 'SET #lp = :linkedAt',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#lp': linkSummaryName(link.parentId) },
      ...(change === 'remove' ? {} : { ExpressionAttributeValues: { ':linkedAt': change.linkedAt } }),
    },
  };
}
