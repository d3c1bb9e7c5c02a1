import { GetCommand, paginateQuery, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo, table, transact, transactThroughConflicts, numbered, Named, TransactItem } from './client';
import { linkSummaryName, studentLinkUpdate } from './link-summary';
import { keys, type SchoolRef } from './keys';
import { auditPut, AuditEvent } from './audit';
import { outboxPut } from './outbox';

export interface Link {
  schoolId: string;
  studentId: string;
  districtId: string;
  parentId: string;
  linkedAt: string;
}

export type RedeemOutcome = 'linked' | 'already-linked' | 'code-dead' | 'conflict';

/**
 * Links a parent to a student through the student's code, atomically: the link is written only
 * if, at commit time, the code is still the student's current one and not expired. A redeem
 * racing a reset therefore can never create a link through a dead code.
 */
export async function linkThroughCode(
  link: Link,
  code: { codeHash: string; now: string },
  audit: AuditEvent,
): Promise<RedeemOutcome> {
  const cancelled = await transact(redeemItems(link, code, audit));
  if (!cancelled) return 'linked';
  if (cancelled.failed.has('currentCode')) return 'code-dead';
  if (cancelled.failed.has('link')) return 'already-linked';
  return 'conflict';
}

/** The redeem transaction: the code still current and unexpired, the new link, its audit and notice. */
export function redeemItems(link: Link, code: { codeHash: string; now: string }, audit: AuditEvent): Named<TransactItem> {
  return {
    // The student item both proves the code current and records the link in its summary.
    currentCode: {
      Update: {
        TableName: table('students'),
        Key: keys.student(link, link.studentId),
        // The first redeem of the current code is kept (the code lifecycle's "redeemed"); a new code clears it.
        UpdateExpression: 'SET #lp = :linkedAt, codeRedeemedAt = if_not_exists(codeRedeemedAt, :linkedAt)',
        ConditionExpression: 'codeHash = :hash AND (attribute_not_exists(codeExpiresAt) OR codeExpiresAt > :now)',
        ExpressionAttributeNames: { '#lp': linkSummaryName(link.parentId) },
        ExpressionAttributeValues: { ':hash': code.codeHash, ':now': code.now, ':linkedAt': link.linkedAt },
      },
    },
    link: linkPut(link),
    audit: auditPut(audit),
    notice: linkEvent('link.created', link, audit.at),
  };
}

/**
 * Creates a link without a code: for seeding demo data and rosters that carry known links. False
 * when the link exists. `byJob`: the import job writing, marked on the link (see `linkCreatedByJob`).
 */
export async function createLink(link: Link, audit: AuditEvent, byJob?: string): Promise<boolean> {
  const cancelled = await transactThroughConflicts({
    link: linkPut(link, byJob),
    student: studentLinkUpdate(link, { linkedAt: link.linkedAt }),
    audit: auditPut(audit),
    notice: linkEvent('link.created', link, audit.at),
  });
  if (!cancelled) return true;
  if (cancelled.failed.has('link')) return false;
  throw new Error(`Link creation cancelled (no such student?): ${cancelled.codes}`);
}

/** Whether that job created the link: a retried import page counts the links its first attempt made. */
export async function linkCreatedByJob(link: Pick<Link, 'districtId' | 'schoolId' | 'studentId' | 'parentId'>, jobId: string): Promise<boolean> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: table('links'), Key: keys.link(link, link.studentId, link.parentId), ConsistentRead: true, ProjectionExpression: 'createdByJob' }),
  );
  return Item?.createdByJob === jobId;
}

/** Removes one link with its audit event. False when there was no such link (nothing written). */
export type LinkRef = { schoolId: string; studentId: string; districtId: string; parentId: string };

export async function removeLink(link: LinkRef, audit: AuditEvent): Promise<boolean> {
  const cancelled = await transactThroughConflicts({
    link: linkDelete(link),
    student: studentLinkUpdate(link, 'remove'),
    audit: auditPut(audit),
    notice: linkEvent('link.removed', link, audit.at),
  });
  if (!cancelled) return true;
  if (cancelled.failed.has('link')) return false;
  throw new Error(`Link removal cancelled: ${cancelled.codes}`);
}

export async function linksOfStudent(school: SchoolRef, studentId: string): Promise<Link[]> {
  return queryAll({
    TableName: table('links'),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.linksOfStudent(school, studentId) },
    ConsistentRead: true,
  });
}

export async function linksOfParent(districtId: string, parentId: string): Promise<Link[]> {
  return queryAll({
    TableName: table('links'),
    IndexName: 'byParent',
    KeyConditionExpression: 'parentKey = :pk',
    ExpressionAttributeValues: { ':pk': keys.linksOfParent(districtId, parentId) },
  });
}

async function queryAll(input: QueryCommandInput): Promise<Link[]> {
  const links: Link[] = [];
  for await (const page of paginateQuery({ client: dynamo }, input)) links.push(...(page.Items ?? []).map(toLink));
  return links;
}

function toLink(item: Record<string, unknown>): Link {
  return {
    schoolId: item.schoolId as string,
    studentId: item.studentId as string,
    districtId: item.districtId as string,
    parentId: item.parentId as string,
    linkedAt: item.linkedAt as string,
  };
}

/** Deletes a link only if it exists, so a cancelled transaction tells us it was already gone. */
export function linkDelete(link: LinkRef): TransactItem {
  return {
    Delete: {
      TableName: table('links'),
      Key: keys.link(link, link.studentId, link.parentId),
      ConditionExpression: 'attribute_exists(pk)',
    },
  };
}

/** The notice that a link was added or removed, for the mail service. */
export function linkEvent(type: 'link.created' | 'link.removed', link: LinkRef, at: string): TransactItem {
  return outboxPut({ type, at, districtId: link.districtId, parentId: link.parentId, schoolId: link.schoolId, studentId: link.studentId });
}

export type ClearOutcome = { removed: number } | 'already-done' | 'changed';

/**
 * Clears every link of one student for a bulk job, in one transaction with a notice per link and
 * a marker on the student holding this job's id and the parents it removed: a retried batch
 * finds the marker and re-counts (and re-lists, for the page's audit event) from it instead of
 * clearing twice. The job records the links in its page's audit event, not one event per link.
 */
export async function clearStudentLinksForJob(
  student: SchoolRef & { studentId: string },
  links: Link[],
  jobId: string,
  at: string,
): Promise<ClearOutcome> {
  const cancelled = await transact({
    marker: {
      Update: {
        TableName: table('students'),
        Key: keys.student(student, student.studentId),
        // The marker, and each cleared link out of the student's summary.
        UpdateExpression: `SET clearedByJob = :job, clearedParents = :parents${links.length ? ` REMOVE ${links.map((_, i) => `#lp${i}`).join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(clearedByJob) OR clearedByJob <> :job)',
        ...(links.length ? { ExpressionAttributeNames: Object.fromEntries(links.map((link, i) => [`#lp${i}`, linkSummaryName(link.parentId)])) } : {}),
        ExpressionAttributeValues: { ':job': jobId, ':parents': links.map((link) => link.parentId) },
      },
    },
    ...numbered('link', links.map(linkDelete)),
    ...numbered('notice', links.map((link) => linkEvent('link.removed', link, at))),
  });
  if (!cancelled) return { removed: links.length };
  if (cancelled.failed.has('marker')) return 'already-done';
  return 'changed';
}

/** Creates a link only if it does not exist yet (so a second redeem is a no-op). */
export function linkPut(link: Link, byJob?: string): TransactItem {
  return {
    Put: {
      TableName: table('links'),
      Item: {
        ...keys.link(link, link.studentId, link.parentId),
        parentKey: keys.linksOfParent(link.districtId, link.parentId),
        studentKey: keys.linkStudentSortKey(link, link.studentId),
        ...link,
        ...(byJob ? { createdByJob: byJob } : {}),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
