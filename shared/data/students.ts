import { BatchGetCommand, DeleteCommand, GetCommand, paginateQuery, PutCommand, PutCommandInput, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { mapWithConcurrency } from '../concurrency';
import { dynamo, nameRangePage, table, transact, Cancelled, Named, TransactItem } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { keys } from './keys';
import { foldName, nameOrderKey } from '../domain/names';
import { auditPut, AuditEvent } from './audit';
import { linkSummaryName } from './link-summary';

export interface StudentProfile {
  schoolId: string;
  studentId: string;
  firstName: string;
  lastName: string;
  studentNumber: string;
  /** From the roster, as the SIS writes it ("7", "K"); shown in the "is this your child?" preview and the code export. */
  grade?: string;
  homeroom?: string;
}

export interface IssuedCode {
  /** Canonical code, in memory only: handed back to the staff who issued it, never stored. */
  code: string;
  /** The code sealed with the code vault, so staff can print and redistribute it later. */
  sealedCode: string;
  codeHash: string;
  issuedAt: string;
  expiresAt?: string;
}

export interface Student extends StudentProfile {
  districtId: string;
  /** Opened only by the functions that show codes (see shared/crypto/code-vault.ts). */
  sealedCode: string;
  codeHash: string;
  codeIssuedAt: string;
  codeExpiresAt?: string;
  /** Markers of the bulk jobs that already handled this student (exactly-once). */
  resetByJob?: string;
  /** The hash a bulk reset replaced, so a re-run can finish removing its lookup item. */
  prevCodeHash?: string;
  clearedByJob?: string;
  /** The parents that job's clear removed: a retry counts and lists them from here. */
  clearedParents?: string[];
  /** When a parent first linked with the current code (cleared when the code changes). */
  codeRedeemedAt?: string;
  /** When the current code was last handed out in a file (CSV, letters). */
  codeExportedAt?: string;
  /** The export job that last released this student's code, and which code (its hash) it released. */
  exportedByJob?: string;
  exportedByJobHash?: string;
  /** Set when a parent reports "this is not my child"; cleared by the staff fix. */
  flag?: { at: string; parentId: string; reason?: string };
}


export async function getStudent(schoolId: string, studentId: string): Promise<Student | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: table('students'), Key: keys.student(schoolId, studentId), ConsistentRead: true }),
  );
  return Item as Student | undefined;
}

/** Students of one school by id; ids that do not exist there are simply absent from the map. */
export async function getStudents(schoolId: string, studentIds: readonly string[]): Promise<Map<string, Student>> {
  const found = new Map<string, Student>();
  const unique = [...new Set(studentIds)];
  for (let i = 0; i < unique.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
      [table('students')]: {
        Keys: unique.slice(i, i + 100).map((id) => keys.student(schoolId, id)),
        ConsistentRead: true,
      },
    };
    while (request && Object.keys(request).length) {
      const result = await dynamo.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of result.Responses?.[table('students')] ?? []) {
        found.set(item.studentId as string, item as Student);
      }
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

export async function findStudentIdByNumber(schoolId: string, studentNumber: string): Promise<string | undefined> {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: table('students'),
      IndexName: 'byStudentNumber',
      KeyConditionExpression: 'numberKey = :k',
      ExpressionAttributeValues: { ':k': keys.studentNumber(schoolId, studentNumber) },
      Limit: 1,
    }),
  );
  const pk = Items?.[0]?.pk as string | undefined;
  return pk ? keys.idOf(pk) : undefined;
}

/** A page of a school's students in name order, optionally those whose last name starts with a prefix. */
export async function listStudentIds(
  schoolId: string,
  page: { limit: number; cursor?: string; lastNamePrefix?: string },
): Promise<{ studentIds: string[]; nextCursor?: string }> {
  const values: Record<string, unknown> = { ':school': schoolId };
  let condition = 'schoolId = :school';
  if (page.lastNamePrefix) {
    condition += ' AND begins_with(nameKey, :prefix)';
    values[':prefix'] = foldName(page.lastNamePrefix);
  }
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table('students'),
      IndexName: 'bySchool',
      KeyConditionExpression: condition,
      ExpressionAttributeValues: values,
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, { schoolId }),
    }),
  );
  return {
    studentIds: (result.Items ?? []).map((item) => item.studentId as string),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
}

/** The roster's optional fields: a record without one clears it (the roster is the whole record). */
const OPTIONAL_PROFILE = ['grade', 'homeroom'] as const;

function profileAttributes(profile: StudentProfile): Record<string, string> {
  return {
    firstName: profile.firstName,
    lastName: profile.lastName,
    studentNumber: profile.studentNumber,
    nameKey: nameOrderKey(profile.lastName, profile.firstName, profile.studentId),
    numberKey: keys.studentNumber(profile.schoolId, profile.studentNumber),
    ...Object.fromEntries(OPTIONAL_PROFILE.filter((name) => profile[name] !== undefined).map((name) => [name, profile[name]!])),
  };
}

function codeItemPut(student: { schoolId: string; studentId: string; districtId: string }, code: IssuedCode): TransactItem {
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

export type CreateOutcome = 'created' | 'exists' | 'code-collision';

/** Creates a student together with its first code and the audit event. */
export async function createStudent(
  profile: StudentProfile & { districtId: string },
  code: IssuedCode,
  audit: AuditEvent,
): Promise<CreateOutcome> {
  const cancelled = await transact({
    student: {
      Put: {
        TableName: table('students'),
        Item: {
          ...keys.student(profile.schoolId, profile.studentId),
          schoolId: profile.schoolId,
          studentId: profile.studentId,
          districtId: profile.districtId,
          ...profileAttributes(profile),
          sealedCode: code.sealedCode,
          codeHash: code.codeHash,
          codeIssuedAt: code.issuedAt,
          codeExpiresAt: code.expiresAt,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    newCode: codeItemPut(profile, code),
    audit: auditPut(audit),
  });
  if (!cancelled) return 'created';
  if (cancelled.failed.has('student')) return 'exists';
  if (cancelled.failed.has('newCode')) return 'code-collision';
  throw new Error(`Student create cancelled: ${cancelled.codes}`);
}

/** Updates the roster fields of an existing student; the code is left alone. */
export async function updateStudentProfile(profile: StudentProfile, audit: AuditEvent): Promise<boolean> {
  const attributes = profileAttributes(profile);
  const names = Object.keys(attributes);
  const cleared = OPTIONAL_PROFILE.filter((name) => profile[name] === undefined);
  const cancelled = await transact({
    student: {
      Update: {
        TableName: table('students'),
        Key: keys.student(profile.schoolId, profile.studentId),
        UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}${cleared.length ? ` REMOVE ${cleared.map((n) => `#${n}`).join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries([...names, ...cleared].map((n) => [`#${n}`, n])),
        ExpressionAttributeValues: Object.fromEntries(names.map((n) => [`:${n}`, attributes[n]])),
      },
    },
    audit: auditPut(audit),
  });
  return !cancelled;
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
        Key: keys.student(student.schoolId, student.studentId),
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
        Key: keys.student(student.schoolId, student.studentId),
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

/**
 * One page of a school's student ids whose name key lies in [from, to]: a bulk job's batch.
 * `startKey` and the returned `nextKey` are raw keys, so a page is identified by where it starts.
 */
export async function studentPage(
  schoolId: string,
  range: { from: string; to: string },
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ ids: string[]; nextKey?: Record<string, unknown> }> {
  return nameRangePage({ table: 'students', name: 'bySchool', partition: 'schoolId', id: 'studentId' }, schoolId, range, limit, startKey);
}

/**
 * A school's students (or one grade's) counted, with the name key of every `every`-th one: the
 * boundaries of a bulk job's equal segments. Reads the school's index partition once, keys and
 * grade only (a job's plan does this, never a request).
 */
export async function studentBoundaries(schoolId: string, every: (total: number) => number, grade?: string): Promise<{ total: number; boundaries: string[] }> {
  const keysInOrder: string[] = [];
  const pages = paginateQuery(
    { client: dynamo },
    {
      TableName: table('students'),
      IndexName: 'bySchool',
      KeyConditionExpression: 'schoolId = :s',
      ProjectionExpression: 'nameKey, grade',
      ExpressionAttributeValues: { ':s': schoolId },
    },
  );
  for await (const page of pages) for (const item of page.Items ?? []) if (grade === undefined || item.grade === grade) keysInOrder.push(item.nameKey as string);
  const step = every(keysInOrder.length);
  const boundaries = keysInOrder.filter((_, i) => i > 0 && i % step === 0);
  return { total: keysInOrder.length, boundaries };
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
        Key: keys.student(student.schoolId, student.studentId),
        UpdateExpression: 'SET codeExportedAt = :at, exportedByJob = :job, exportedByJobHash = :hash',
        ConditionExpression: 'codeHash = :hash',
        ExpressionAttributeValues: { ':at': audit.at, ':job': jobId, ':hash': student.codeHash },
      },
    },
    audit: auditPut(audit),
  });
  return !cancelled;
}

/** Marks each student's current code as exported; a code reset meanwhile is left unmarked (its new code was not). */
export async function markCodesExported(schoolId: string, students: readonly { studentId: string; codeHash: string }[], at: string): Promise<void> {
  await mapWithConcurrency(students, 16, async (student) => {
    await dynamo
      .send(
        new UpdateCommand({
          TableName: table('students'),
          Key: keys.student(schoolId, student.studentId),
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
