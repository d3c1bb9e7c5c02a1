import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, table } from '../../shared/data/client';
import { TABLE_NAMES } from '../../shared/data/table-schema';
import type { SchoolWorld } from './world';

/**
 * Everything stored for one test's district, table by table, in a stable order. Comparing it
 * before and after a refused request proves the request wrote nothing. Throttle counters are
 * left out: counting failed attempts is their job.
 */
export async function districtState(world: Pick<SchoolWorld, 'districtId' | 'school'>): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {};
  for (const name of TABLE_NAMES.filter((t) => t !== 'throttle')) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new ScanCommand({
          TableName: table(name),
          FilterExpression: 'districtId = :d OR schoolId = :s',
          ExpressionAttributeValues: { ':d': world.districtId, ':s': world.school.schoolId },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    state[name] = items.map((item) => JSON.stringify(item, Object.keys(item).sort())).sort();
  }
  return state;
}
