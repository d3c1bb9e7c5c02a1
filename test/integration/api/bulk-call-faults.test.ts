import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, table } from '../../../shared/data/client';
import { getStudents } from '../../../shared/data/student-profiles';
import { givenSchool, startApi, Api } from '../../support/world';

let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

test('a timeout in the middle of a bulk reset: a clean 500, no student half-reset, and the retry completes', async () => {
  const world = await givenSchool({ studentCount: 30, parentCount: 0 });
  const s = world.school.schoolId;
  const ids = world.students.map((x) => x.studentId);
  const before = await getStudents(world.school, ids);

  // The 12th transaction times out on the client side, as a network stall would.
  let transactions = 0;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand' && ++transactions === 12) {
        throw Object.assign(new Error('Socket timed out (injected)'), { name: 'TimeoutError' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectTimeout' },
  );
  let failed;
  try {
    failed = await api.request('POST', `/schools/${s}/codes/reset`, { token: world.adminToken, body: { studentIds: ids } });
  } finally {
    dynamo.middlewareStack.remove('injectTimeout');
  }
  expect(failed.status).toBe(500);
  expect(failed.body).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
  expect(JSON.stringify(failed.body)).not.toMatch(/timed out|stack|Error/);

  // Each student was reset completely or not at all: one live code, and an audit event per reset.
  const after = await getStudents(world.school, ids);
  const changed = ids.filter((id) => after.get(id)!.codeHash !== before.get(id)!.codeHash);
  const { Items: codes } = await dynamo.send(new ScanCommand({ TableName: table('codes'), FilterExpression: 'schoolId = :s', ExpressionAttributeValues: { ':s': s } }));
  expect(codes).toHaveLength(ids.length);
  const audit = await api.request('GET', `/schools/${s}/audit?action=code.reset&limit=100`, { token: world.adminToken });
  expect(audit.body.items).toHaveLength(changed.length);

  const retry = await api.request('POST', `/schools/${s}/codes/reset`, { token: world.adminToken, body: { studentIds: ids } });
  expect(retry.status).toBe(200);
  const final = await getStudents(world.school, ids);
  for (const id of ids) expect(final.get(id)!.codeHash).not.toBe(before.get(id)!.codeHash);
});
