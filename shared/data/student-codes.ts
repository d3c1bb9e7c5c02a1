import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { mapWithConcurrency } from '../concurrency';
import { dynamo, table, transact, Cancelled, Named, TransactItem } from './client';
import { keys, type SchoolRef } from './keys';
import { auditPut, AuditEvent } from './audit';
import { linkSummaryName } from './link-summary';
import type { Student } from './student-profiles';

/*
 * A student's access code: the sealed code and its hash on the student item, and its lookup
 * item in the codes table (hash → student), which are only ever swapped together; who owns a
 * code; when a code was handed out.
 */

export interface IssuedCode {
  /** Canonical code, in memory only: handed back to the staff who issued it, never stored. */
  code: string;
  /** The code sealed with the code vault, so staff can print and redistribute it later. */
  sealedCode: string;
  codeHash: string;
  issuedAt: string;
  expiresAt?: string;
}

/** The lookup item of a new code (codes table: hash → student); a collision fails the write. */
export function codeItemPut(student: { schoolId: string; studentId: string; districtId: string }, code: IssuedCode): TransactItem {
  return {
    Put: {
      TableName: table('codes'),
      Item: {
        ...keys.code(code.codeHash),
        schoolId: student.schoolId,
        studentId: student.studentId,
        districtId: student.districtId,
        ...(code.expiresAt ? { expiresAtEpoch: Math.floor(Date.parse(code.expiresAt) / 1000) } : {}),
      },
      // Codes are unique in the deployment: a (vanishingly rare) collision fails the write.
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export type ReplaceOutcome = 'replaced' | 'stale' | 'code-collision' | 'conflict';

/**
 * The writes that swap a student's code: the student item (only if its code is still the one
 * we read), the old lookup item deleted, the new one created. Joined with an audit event in one
 * transaction, the old code stops working the moment it commits, and the student never has
 * zero or two live codes. `clearFlag` also closes a wrong-link flag on the student;
 * `onlyIfFlaggedBy` swaps only while the flag is that parent's.
 */
export function codeSwapItems(
  student: Student,
  code: IssuedCode,
  options: { clearFlag?: boolean; jobId?: string; onlyIfFlaggedBy?: string; unlinkParent?: string } = {},
): Named<TransactItem> {
  const set = [
    'sealedCode = :sealed',
    'codeHash = :hash',
    'codeIssuedAt = :issued',
    ...(code.expiresAt ? ['codeExpiresAt = :expires'] : []),
    ...(options.jobId ? ['resetByJob = :job'] : []),
  ];
  // `code`: a plain code from before codes were sealed goes at the next swap. A new code has
  // been neither redeemed nor exported yet.
  const remove = [
    'code',
    'codeRedeemedAt',
    ...(code.expiresAt ? [] : ['codeExpiresAt']),
    ...(options.clearFlag ? ['flag'] : []),
    // A link removed in the same transaction leaves the student's link summary too.
    ...(options.unlinkParent ? ['#lp'] : []),
  ];
  return {
    student: {
      Update: {
        TableName: table('students'),
        Key: keys.student(student, student.studentId),
        UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
        // A job resets a student at most once, however often its batch is retried or re-run.
        ConditionExpression: [
          'codeHash = :oldHash',
          ...(options.jobId ? ['(attribute_not_exists(resetByJob) OR resetByJob <> :job)'] : []),
          ...(options.onlyIfFlaggedBy ? ['flag.parentId = :flaggedBy'] : []),
        ].join(' AND '),
        ...(options.unlinkParent ? { ExpressionAttributeNames: { '#lp': linkSummaryName(options.unlinkParent) } } : {}),
        ExpressionAttributeValues: {
          ':sealed': code.sealedCode,
          ':hash': code.codeHash,
          ':issued': code.issuedAt,
          ':oldHash': student.codeHash,
          ...(code.expiresAt ? { ':expires': code.expiresAt } : {}),
          ...(options.jobId ? { ':job': options.jobId } : {}),
          ...(options.onlyIfFlaggedBy ? { ':flaggedBy': options.onlyIfFlaggedBy } : {}),
        },
      },
    },
    oldCode: { Delete: { TableName: table('codes'), Key: keys.code(student.codeHash) } },
    newCode: codeItemPut(student, code),
  };
}

export async function replaceCode(student: Student, code: IssuedCode, audit: AuditEvent, jobId?: string): Promise<ReplaceOutcome> {
  return swapOutcome(await transact({ ...codeSwapItems(student, code, { jobId }), audit: auditPut(audit) }));
}

/** Removes a lookup item (idempotent). Only for hashes the student item no longer holds. */
export async function deleteCodeLookup(codeHash: string): Promise<void> {
  await dynamo.send(new DeleteCommand({ TableName: table('codes'), Key: keys.code(codeHash) }));
}

/** Reads the outcome of a transaction that holds a code swap. */
export function swapOutcome(cancelled: Cancelled | undefined): ReplaceOutcome {
  if (!cancelled) return 'replaced';
  if (cancelled.failed.has('student')) return 'stale';
  if (cancelled.failed.has('newCode')) return 'code-collision';
  return 'conflict';
}

/** Who a code belongs to, through its keyed hash; never a scan. */
export async function findCodeOwner(
  codeHash: string,
): Promise<{ schoolId: string; studentId: string; districtId: string } | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: table('codes'), Key: keys.code(codeHash), ConsistentRead: true }),
  );
  return Item as { schoolId: string; studentId: string; districtId: string } | undefined;
}

/** Marks each student's current code as exported; a code reset meanwhile is left unmarked (its new code was not). */
export async function markCodesExported(school: SchoolRef, students: readonly { studentId: string; codeHash: string }[], at: string): Promise<void> {
  await mapWithConcurrency(students, 16, async (student) => {
    await dynamo
      .send(
        new UpdateCommand({
          TableName: table('students'),
          Key: keys.student(school, student.studentId),
          UpdateExpression: 'SET codeExportedAt = :at',
          ConditionExpression: 'codeHash = :hash',
          ExpressionAttributeValues: { ':at': at, ':hash': student.codeHash },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  });
}
