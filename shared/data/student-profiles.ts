import { BatchGetCommand, GetCommand, paginateQuery, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, namePrefixQueries, nameRangePage, table, transact } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { keys, type SchoolRef } from './keys';
import { firstNameOrderKey, nameOrderKey } from '../domain/names';
import { mergeNameMatches, planNameSearch, type NameQuery, type PrefixQuery, type PrefixResult } from '../domain/name-search';
import { auditPut, AuditEvent } from './audit';
import { codeItemPut, type IssuedCode } from './student-codes';

/*
 * The student item: its shape, its reads (by id, by number, in name order, a bulk job's pages),
 * and the roster's writes (create with the first code, update the profile). The code on the item
 * and its lookup item are student-codes.ts's; what only bulk jobs write, student-job-writes.ts's.
 */

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
  /** The roster import job that last wrote this profile and what it did, so a retried page counts it as that job's. */
  rosteredByJob?: string;
  rosterOutcome?: 'created' | 'updated';
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

export async function getStudent(school: SchoolRef, studentId: string): Promise<Student | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: table('students'), Key: keys.student(school, studentId), ConsistentRead: true }),
  );
  return Item as Student | undefined;
}

/** Students of one school by id; ids that do not exist there are simply absent from the map. */
export async function getStudents(school: SchoolRef, studentIds: readonly string[]): Promise<Map<string, Student>> {
  const found = new Map<string, Student>();
  const unique = [...new Set(studentIds)];
  for (let i = 0; i < unique.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
      [table('students')]: {
        Keys: unique.slice(i, i + 100).map((id) => keys.student(school, id)),
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

export async function findStudentIdByNumber(school: SchoolRef, studentNumber: string): Promise<string | undefined> {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: table('students'),
      IndexName: 'byStudentNumber',
      KeyConditionExpression: 'numberKey = :k',
      ExpressionAttributeValues: { ':k': keys.studentNumber(school, studentNumber) },
      Limit: 1,
    }),
  );
  const pk = Items?.[0]?.pk as string | undefined;
  return pk ? keys.idOf(pk) : undefined;
}

/** A page of a school's students in name order (`desc`: from Z to A), `cursor` to go on from. */
export async function listStudentIds(
  school: SchoolRef,
  page: { limit: number; cursor?: string; order?: 'asc' | 'desc' },
): Promise<{ studentIds: string[]; nextCursor?: string }> {
  const districtSchool = keys.districtSchool(school);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table('students'),
      IndexName: 'byDistrictSchool',
      KeyConditionExpression: 'districtSchool = :school',
      ExpressionAttributeValues: { ':school': districtSchool },
      ScanIndexForward: page.order !== 'desc',
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, { districtSchool }),
    }),
  );
  return {
    studentIds: (result.Items ?? []).map((item) => item.studentId as string),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
}

/**
 * A count reads the school's index in six name ranges at once (last names from a, d, h, l, p,
 * t; other scripts sort after z, into the last), so its pages overlap instead of following one
 * another. Each page reads up to 1 MB; past STUDENT_COUNT_MAX_PAGES pages in one range (some
 * 40,000 students in that range alone, as DynamoDB Local pages) no count is given.
 */
const COUNT_RANGES = ['d', 'h', 'l', 'p', 't'] as const;
export const STUDENT_COUNT_MAX_PAGES = 20;

/**
 * How many students the school has: `Select: COUNT` over the school's partition of
 * `byDistrictSchool` (every student has a nameKey), or undefined past the page bound. DynamoDB
 * charges for the index entries read, not for what it returns: measured ~200 RCU for 10,000
 * students (docs/benchmarks.md), 6 requests or a few more.
 */
export async function countStudents(school: SchoolRef): Promise<number | undefined> {
  const districtSchool = keys.districtSchool(school);
  // No key equals a bare letter (every nameKey holds "|"), so BETWEEN's inclusive ends never count a student twice.
  const ranges = [
    { condition: 'nameKey < :to', values: { ':to': COUNT_RANGES[0] } },
    ...COUNT_RANGES.slice(1).map((to, i) => ({ condition: 'nameKey BETWEEN :from AND :to', values: { ':from': COUNT_RANGES[i]!, ':to': to } })),
    { condition: 'nameKey >= :from', values: { ':from': COUNT_RANGES[COUNT_RANGES.length - 1] } },
  ];
  const counts = await Promise.all(
    ranges.map(async ({ condition, values }) => {
      let count = 0;
      let pages = 0;
      for await (const page of paginateQuery(
        { client: dynamo },
        {
          TableName: table('students'),
          IndexName: 'byDistrictSchool',
          KeyConditionExpression: `districtSchool = :school AND ${condition}`,
          ExpressionAttributeValues: { ':school': districtSchool, ...values },
          Select: 'COUNT',
        },
      )) {
        count += page.Count ?? 0;
        if (++pages === STUDENT_COUNT_MAX_PAGES && page.LastEvaluatedKey) return undefined;
      }
      return count;
    }),
  );
  return counts.some((c) => c === undefined) ? undefined : counts.reduce((a, b) => a! + b!, 0);
}

/**
 * A name search's planned prefix queries on the school's two name indexes, all at once (one
 * round trip, `plan.length` requests), each reading at most ITEMS_PER_INDEX_QUERY index entries
 * and returning only the sort key (which names the student: shared/domain/name-search.ts).
 */
export async function searchStudentNameKeys(school: SchoolRef, plan: readonly PrefixQuery[]): Promise<PrefixResult[]> {
  return namePrefixQueries({ table: 'students', partition: 'districtSchool', last: 'byDistrictSchool', first: 'byFirstName' }, keys.districtSchool(school), plan);
}

/** What a search of a school's students found: at most `limit` ids in name order. */
export interface StudentSearch {
  studentIds: string[];
  /** Every match found (the exact student number: 1); a lower bound when `more` is true. */
  total: number;
  /** More matched than `limit`, or a covering query reached its read bound: there may be more. */
  more: boolean;
  matchedBy: 'studentNumber' | 'name';
}

/**
 * The students of a school a search names (shared/domain/name-search.ts): the student whose
 * number is exactly `q`, else those `query`'s words name, in name order (`desc`: reversed).
 * One round trip: the number look-up and the plan's index queries (at most MAX_INDEX_QUERIES,
 * each reading at most ITEMS_PER_INDEX_QUERY entries) are sent together.
 */
export async function searchStudentIds(school: SchoolRef, q: string, query: NameQuery, limit: number, order: 'asc' | 'desc' = 'asc'): Promise<StudentSearch> {
  const [byNumber, results] = await Promise.all([findStudentIdByNumber(school, q), searchStudentNameKeys(school, planNameSearch(query))]);
  if (byNumber) return { studentIds: [byNumber], total: 1, more: false, matchedBy: 'studentNumber' };
  const { matches, complete } = mergeNameMatches(query, results, order);
  return { studentIds: matches.slice(0, limit).map((m) => m.id), total: matches.length, more: !complete || matches.length > limit, matchedBy: 'name' };
}

/** The roster's optional fields: a record without one clears it (the roster is the whole record). */
const OPTIONAL_PROFILE = ['grade', 'homeroom'] as const;

function profileAttributes(profile: StudentProfile & SchoolRef): Record<string, string> {
  return {
    firstName: profile.firstName,
    lastName: profile.lastName,
    studentNumber: profile.studentNumber,
    nameKey: nameOrderKey(profile.lastName, profile.firstName, profile.studentId),
    firstNameKey: firstNameOrderKey(profile.firstName, profile.lastName, profile.studentId),
    numberKey: keys.studentNumber(profile, profile.studentNumber),
    ...Object.fromEntries(OPTIONAL_PROFILE.filter((name) => profile[name] !== undefined).map((name) => [name, profile[name]!])),
  };
}

export type CreateOutcome = 'created' | 'exists' | 'code-collision';

/** Creates a student together with its first code and the audit event. */
export async function createStudent(
  profile: StudentProfile & { districtId: string },
  code: IssuedCode,
  audit: AuditEvent,
  byJob?: string,
): Promise<CreateOutcome> {
  const cancelled = await transact({
    student: {
      Put: {
        TableName: table('students'),
        Item: {
          ...keys.student(profile, profile.studentId),
          schoolId: profile.schoolId,
          studentId: profile.studentId,
          districtId: profile.districtId,
          districtSchool: keys.districtSchool(profile),
          ...profileAttributes(profile),
          sealedCode: code.sealedCode,
          codeHash: code.codeHash,
          codeIssuedAt: code.issuedAt,
          codeExpiresAt: code.expiresAt,
          ...(byJob ? { rosteredByJob: byJob, rosterOutcome: 'created' } : {}),
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
export async function updateStudentProfile(profile: StudentProfile & SchoolRef, audit: AuditEvent, byJob?: string): Promise<boolean> {
  const attributes: Record<string, unknown> = { ...profileAttributes(profile), ...(byJob ? { rosteredByJob: byJob, rosterOutcome: 'updated' } : {}) };
  const names = Object.keys(attributes);
  const cleared = OPTIONAL_PROFILE.filter((name) => profile[name] === undefined);
  const cancelled = await transact({
    student: {
      Update: {
        TableName: table('students'),
        Key: keys.student(profile, profile.studentId),
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

/**
 * One page of a school's student ids whose name key lies in [from, to]: a bulk job's batch.
 * `startKey` and the returned `nextKey` are raw keys, so a page is identified by where it starts.
 */
export async function studentPage(
  school: SchoolRef,
  range: { from: string; to: string },
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ ids: string[]; nextKey?: Record<string, unknown> }> {
  return nameRangePage({ table: 'students', name: 'byDistrictSchool', partition: 'districtSchool', id: 'studentId' }, keys.districtSchool(school), range, limit, startKey);
}

/**
 * A school's students (or one grade's) counted, with the name key of every `every`-th one: the
 * boundaries of a bulk job's equal segments. Reads the school's index partition once, keys and
 * grade only (a job's plan does this, never a request).
 */
export async function studentBoundaries(school: SchoolRef, every: (total: number) => number, grade?: string): Promise<{ total: number; boundaries: string[] }> {
  const keysInOrder: string[] = [];
  const pages = paginateQuery(
    { client: dynamo },
    {
      TableName: table('students'),
      IndexName: 'byDistrictSchool',
      KeyConditionExpression: 'districtSchool = :s',
      ProjectionExpression: 'nameKey, grade',
      ExpressionAttributeValues: { ':s': keys.districtSchool(school) },
    },
  );
  for await (const page of pages) for (const item of page.Items ?? []) if (grade === undefined || item.grade === grade) keysInOrder.push(item.nameKey as string);
  const step = every(keysInOrder.length);
  const boundaries = keysInOrder.filter((_, i) => i > 0 && i % step === 0);
  return { total: keysInOrder.length, boundaries };
}
