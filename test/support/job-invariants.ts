import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { dynamo, table } from '../../shared/data/client';
import { getStudents } from '../../shared/data/student-profiles';
import type { Api, SchoolWorld } from './world';

/** Every event of one action in a school's trail, through the API's pages. */
export async function auditOf(api: Api, world: SchoolWorld, action: string): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.request('GET', `/schools/${world.school.schoolId}/audit?action=${action}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: world.adminToken });
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** What a job's per-page events of `action` list (its `lists` detail), with repeats; each event's count must match its list. */
async function listedPerPage(api: Api, world: SchoolWorld, jobId: string, action: string, lists: 'students' | 'links'): Promise<string[]> {
  const listed: string[] = [];
  for (const event of await auditOf(api, world, action)) {
    if (event.details.jobId !== jobId) continue;
    const entries = String(event.details[lists]).split(',');
    if (entries.length !== event.details.count) throw new Error(`event ${event.eventId} lists ${entries.length} ${lists} but counts ${event.details.count}`);
    listed.push(...entries);
  }
  return listed;
}

/** The students a job's per-page `code.reset` events list, with repeats. */
export const resetsAudited = (api: Api, world: SchoolWorld, jobId: string) => listedPerPage(api, world, jobId, 'code.reset', 'students');

/** The links (`student:parent`) a Clear All's per-page `link.removed` events list, with repeats. */
export const clearsAudited = (api: Api, world: SchoolWorld, jobId: string) => listedPerPage(api, world, jobId, 'link.removed', 'links');

/** The code lookups of a school's students (the hash is the lookup's key). */
export async function scanCodesOf(schoolId: string): Promise<{ hash: string; studentId: string }[]> {
  const found: { hash: string; studentId: string }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: table('codes'), FilterExpression: 'schoolId = :s', ExpressionAttributeValues: { ':s': schoolId }, ExclusiveStartKey: start }));
    found.push(...(page.Items ?? []).map((item) => ({ hash: (item.pk as string).slice('CODE#'.length), studentId: item.studentId as string })));
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

/**
 * The invariant a reset keeps through any crash: each student has exactly one redeemable code
 * (its lookup item exists and the student item holds its hash), and no lookup of a student's
 * replaced code is left once the job is done.
 */
export async function expectOneRedeemableCodeEach(world: SchoolWorld, ids: string[]) {
  const students = await getStudents(world.school, ids);
  const lookups = await scanCodesOf(world.school.schoolId);
  for (const id of ids) {
    const student = students.get(id)!;
    const own = lookups.filter((l) => l.studentId === id);
    expect({ id, redeemable: own.filter((l) => l.hash === student.codeHash).length }).toEqual({ id, redeemable: 1 });
    if (student.prevCodeHash) expect({ id, oldLeft: own.some((l) => l.hash === student.prevCodeHash) }).toEqual({ id, oldLeft: false });
  }
}

const WRITES = new Set(['TransactWriteItemsCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);
const READS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);

/**
 * DynamoDB throttles one write in `writeEvery` and one read in `readEvery`: a fault DynamoDB
 * Local cannot produce, injected in the SDK's deserialize step like a real 400, so the SDK's
 * retry strategy sees it first. Returns how many were throttled, and the way to stop.
 */
export function injectThrottling(writeEvery = 10, readEvery = 15) {
  const counts = { writes: 0, reads: 0, throttled: 0 };
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? '';
      if ((WRITES.has(name) && ++counts.writes % writeEvery === 0) || (READS.has(name) && ++counts.reads % readEvery === 0)) {
        counts.throttled++;
        throw new ProvisionedThroughputExceededException({ message: 'Rate exceeded (injected)', $metadata: {} });
      }
      return next(args);
    },
    { step: 'deserialize', name: 'injectThrottling' },
  );
  return { counts, stop: () => dynamo.middlewareStack.remove('injectThrottling') };
}
