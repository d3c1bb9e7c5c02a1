import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/data/client';
import { putSchool, School } from '../shared/data/schools';
import { codeSwapItems, getStudent } from '../shared/data/students';
import { auditPut } from '../shared/data/audit';
import { redeemItems } from '../shared/data/links';
import { issueCode } from '../shared/use-cases/codes';
import { upsertRoster } from '../shared/use-cases/roster';

/**
 * Write capacity of one student's reset and of one redeem, asked of the store with
 * ReturnConsumedCapacity. DynamoDB Local may not report it; then it is computed the documented
 * way (a transactional write costs 2 WRU per started KB of each item) from the items' sizes.
 */
export async function measureConsumedCapacity() {
  const school: School = { schoolId: 'bench-capacity', districtId: 'bench', name: 'Bench capacity' };
  await putSchool(school);
  await upsertRoster(school, { students: [{ studentId: 'c1', firstName: 'Rosa', lastName: 'Abbiatici', studentNumber: '1' }], parents: [{ parentId: 'cp1', firstName: 'R', lastName: 'A', userName: 'bench.cp1' }] }, { type: 'system', id: 'bench' });
  const student = (await getStudent(school.schoolId, 'c1'))!;
  const at = new Date();
  const resetItems = [...Object.values(codeSwapItems(student, await issueCode(school, student.studentId, at))), auditPut({ schoolId: school.schoolId, action: 'code.reset', actor: { type: 'system', id: 'bench' }, at: at.toISOString(), studentId: 'c1' })];
  const reset = await dynamo.send(new TransactWriteCommand({ TransactItems: resetItems, ReturnConsumedCapacity: 'INDEXES' }));
  const fresh = (await getStudent(school.schoolId, 'c1'))!;
  const redeem = Object.values(redeemItems(
    { schoolId: school.schoolId, studentId: 'c1', districtId: 'bench', parentId: 'cp1', linkedAt: at.toISOString() },
    { codeHash: fresh.codeHash, now: at.toISOString() },
    { schoolId: school.schoolId, action: 'link.created', actor: { type: 'parent', id: 'cp1' }, at: at.toISOString(), studentId: 'c1', parentId: 'cp1' },
  ));
  const redeemOut = await dynamo.send(new TransactWriteCommand({ TransactItems: redeem, ReturnConsumedCapacity: 'INDEXES' }));

  const measured = (out: { ConsumedCapacity?: { CapacityUnits?: number; TableName?: string }[] }) =>
    out.ConsumedCapacity?.length ? out.ConsumedCapacity.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0) : undefined;
  const computed = (items: typeof resetItems) =>
    items.reduce((n, item) => {
      const body = item.Put?.Item ?? item.Update?.ExpressionAttributeValues ?? item.Delete?.Key ?? item.ConditionCheck?.Key ?? {};
      const kb = Math.max(1, Math.ceil(Buffer.byteLength(JSON.stringify(body)) / 1024));
      // A condition check in a transaction costs like a read (2 RRU per 4 KB), not a write.
      return n + (item.ConditionCheck ? 0 : 2 * kb);
    }, 0);
  const resetWru = measured(reset) ?? computed(resetItems);
  const redeemWru = measured(redeemOut) ?? computed(redeem);
  return {
    source: measured(reset) !== undefined ? 'ReturnConsumedCapacity' : 'computed from item sizes (DynamoDB Local reported none)',
    resetWruPerStudent: resetWru,
    redeemWru,
    resetItemsPerStudent: resetItems.length,
    auditWruPerStudent: 2,
  };
}
