import { PutCommand, PutCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo, table, transact } from './client';
import { keys } from './keys';
import { auditPut, AuditEvent } from './audit';
import { codeItemPut, deleteCodeLookup, type IssuedCode, type ReplaceOutcome } from './student-codes';
import type { Student } from './student-profiles';

/*
 * What only bulk jobs write to students: a reset done in single-item writes (no transaction per
 * student) and an export's release of a code, each marked with the job so a retried page
 * recognizes what it already did.
 */

/**
 * A bulk job's reset of one student, in three single-item writes instead of one transaction
 * (a transactional write costs twice the capacity: DynamoDB Developer Guide, "Amazon DynamoDB
 * transactions: Capacity management"). What stays exact: a code is redeemable only while its
 * lookup item exists AND the student item holds its hash (redeem checks the latter in its own
 * transaction), so the order below never leaves a student with zero or two redeemable codes:
 *   1. put the new lookup item (only if new): the new code exists but is not yet redeemable;
 *   2. switch the student item to the new code, only if it still holds the old one and this job
 *      has not reset it, keeping the old hash (`prevCodeHash`): the old code stops working here;
 *   3. delete the old lookup item: clean-up only.
 * A crash after 1 leaves an unused lookup no redeem can use (the student never held that hash);
 * a crash after 2 leaves the old lookup, which the re-run deletes (the student carries the
 * job's marker and the old hash). The job records its resets per page, not per student.
 */
export async function resetCodeForJob(student: Student, code: IssuedCode, jobId: string): Promise<ReplaceOutcome> {
  try {
    await dynamo.send(new PutCommand(codeItemPut(student, code).Put as PutCommandInput));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'code-collision';
    throw error;
  }
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table('students'),
        Key: keys.student(student, student.studentId),
        UpdateExpression: `SET sealedCode = :sealed, codeHash = :hash, codeIssuedAt = :issued, resetByJob = :job, prevCodeHash = :oldHash${code.expiresAt ? ', codeExpiresAt = :expires' : ''} REMOVE code, codeRedeemedAt${code.expiresAt ? '' : ', codeExpiresAt'}`,
        ConditionExpression: 'codeHash = :oldHash AND (attribute_not_exists(resetByJob) OR resetByJob <> :job)',
        ExpressionAttributeValues: {
          ':sealed': code.sealedCode, ':hash': code.codeHash, ':issued': code.issuedAt, ':job': jobId, ':oldHash': student.codeHash,
          ...(code.expiresAt ? { ':expires': code.expiresAt } : {}),
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // Changed since it was read (another reset): our new code was never the student's; drop it.
    await deleteCodeLookup(code.codeHash);
    return 'stale';
  }
  await deleteCodeLookup(student.codeHash);
  return 'replaced';
}

/**
 * A bulk export's release of one student's current code: marked exported, with the job and the
 * code it released (so a retried page recognizes it, and a code reset since is released anew),
 * and audited, in one transaction. False when the code changed since it was read.
 */
export async function releaseCodeForJob(student: Student, jobId: string, audit: AuditEvent): Promise<boolean> {
  const cancelled = await transact({
    student: {
      Update: {
        TableName: table('students'),
        Key: keys.student(student, student.studentId),
        UpdateExpression: 'SET codeExportedAt = :at, exportedByJob = :job, exportedByJobHash = :hash',
        ConditionExpression: 'codeHash = :hash',
        ExpressionAttributeValues: { ':at': audit.at, ':job': jobId, ':hash': student.codeHash },
      },
    },
    audit: auditPut(audit),
  });
  return !cancelled;
}
