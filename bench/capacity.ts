import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createLocalJobRunner } from '../infra/local/job-runner';
import { dynamo, table } from '../shared/data/client';
import { keys } from '../shared/data/keys';
import { putSchool, School } from '../shared/data/schools';
import { getJob } from '../shared/data/jobs';
import { startJob } from '../shared/jobs/start-job';
import { useLocalAdapters } from '../shared/adapters';
import { PERMISSIONS } from '../shared/domain/principal';
import { seedLinks, seedStudents } from '../test/support/seed';
import { itemSize } from './dynamo-units';

interface RecordedWrite {
  command: string;
  table: string;
  pk: string;
}

/**
 * What one Reset All writes, taken from a real run of the job (the synthesized state machine on
 * the local interpreter): every write's table and partition key, recorded as the SDK sends it,
 * and the sizes of the items as stored afterwards. From these the WRU per student and the
 * partition keys the cloud model applies AWS's limits to.
 */
export async function measureResetWrites(students = 1_000) {
  const school: School = { schoolId: 'bench-capacity', districtId: 'bench', name: 'Bench capacity' };
  await putSchool(school);
  const ids = await seedStudents(school, students);
  // Three in ten students have a linked parent: their items carry the link summary.
  await seedLinks(school, ids.filter((_, i) => i % 10 < 3).map((id, i) => [id, `cp${i}`]));
  const writes: RecordedWrite[] = [];
  const writeCommands = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand']);
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      if (writeCommands.has(context.commandName ?? '')) {
        const input = (args as { input: Record<string, any> }).input;
        const items = context.commandName === 'TransactWriteItemsCommand' ? input.TransactItems.map((t: Record<string, unknown>) => ({ ...(Object.values(t)[0] as object), transactional: true })) : [input];
        for (const item of items) {
          const key = item.Key ?? item.Item;
          writes.push({ command: item.transactional ? 'Transact' : context.commandName!, table: item.TableName, pk: key.pk });
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordResetWrites' },
  );
  const runner = createLocalJobRunner();
  useLocalAdapters({ jobStarter: runner });
  const staff = { kind: 'staff' as const, id: 'bench', districtId: school.districtId, schools: 'district' as const, permissions: new Set(PERMISSIONS) };
  let jobId: string;
  try {
    const job = await startJob(school, staff, { type: 'reset-codes', dryRun: false, toleratedFailurePercent: 0 }, { type: 'system', id: 'bench' });
    jobId = job.jobId;
    await runner.wait(jobId);
  } finally {
    dynamo.middlewareStack.remove('recordResetWrites');
  }
  const job = (await getJob(jobId))!;
  if (job.status !== 'SUCCEEDED' || job.effects !== students) throw new Error(`capacity run did not complete: ${JSON.stringify(job)}`);

  // The items as stored after the reset: the largest student item (a linked one), its lookup, a segment's progress, a page's audit event.
  const get = async (tableName: string, key: Record<string, string>) => (await dynamo.send(new GetCommand({ TableName: table(tableName as never), Key: key }))).Item!;
  const studentItems = await Promise.all(ids.slice(0, 20).map((id) => get('students', keys.student(school, id))));
  const studentBytes = Math.max(...studentItems.map(itemSize));
  const linked = studentItems.find((s) => Object.keys(s).some((k) => k.startsWith('lp_')))!;
  const lookupBytes = itemSize(await get('codes', keys.code(linked.codeHash as string)));
  const segmentBytes = itemSize(await get('jobs', keys.jobSegment(jobId, 0)));
  const audit = await dynamo.send(new QueryCommand({
    TableName: table('audit'), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.auditPartition(school) }, ScanIndexForward: false, Limit: 50,
  }));
  const pageAudits = (audit.Items ?? []).filter((e) => e.action === 'code.reset' && e.details?.jobId === jobId);
  const auditBytes = Math.max(...pageAudits.map(itemSize));
  // One index entry of the byDistrictSchool index (key and projected attributes), read by each page's query and the plan.
  const indexEntryBytes = itemSize({ schoolId: school.schoolId, nameKey: linked.nameKey, studentId: linked.studentId, firstName: linked.firstName, lastName: linked.lastName, studentNumber: linked.studentNumber, pk: linked.pk });

  const byTable = (name: string) => writes.filter((w) => w.table === table(name as never));
  const pages = job.pages;
  const perStudent = {
    codes: byTable('codes').length / students,
    students: byTable('students').filter((w) => w.command !== 'Transact').length / students,
  };
  const perPage = {
    segmentCommits: byTable('jobs').filter((w) => w.pk.includes('#SEG#')).length / pages,
    pageAudits: byTable('audit').length / pages,
  };
  const distinct = (list: RecordedWrite[]) => new Set(list.map((w) => w.pk)).size;
  return {
    students,
    pages,
    segments: job.segments ?? 0,
    writes: {
      perStudent,
      perPage,
      // How the writes spread over partition keys: one per student for codes and students, one for a school's trail, one per segment.
      distinctKeys: { codes: distinct(byTable('codes')), students: distinct(byTable('students')), audit: distinct(byTable('audit')), segments: distinct(byTable('jobs').filter((w) => w.pk.includes('#SEG#'))) },
      jobItemWrites: byTable('jobs').filter((w) => w.pk === keys.job(jobId).pk).length,
    },
    bytes: { student: studentBytes, lookup: lookupBytes, segment: segmentBytes, pageAudit: auditBytes, indexEntry: indexEntryBytes },
  };
}

export type ResetWrites = Awaited<ReturnType<typeof measureResetWrites>>;
