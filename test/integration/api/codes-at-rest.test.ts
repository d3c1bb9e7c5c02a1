import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, table } from '../../../shared/data/client';
import { codeVault } from '../../../shared/crypto/code-vault';
import { normalizeAccessCode } from '../../../shared/domain/access-code';
import { sealedCodeContext } from '../../../shared/use-cases/codes';
import { currentCode, givenSchool, startApi, Api } from '../../support/world';

let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

// Finding: "every live code is stored in plain text beside its hash on the student item".
test('every live code is stored in plain text: no stored item holds a readable code, and a sealed code opens only on its own student', async () => {
  const world = await givenSchool({ studentCount: 3, parentCount: 0 });
  await api.request('POST', `/schools/${world.school.schoolId}/codes/reset`, { token: world.adminToken, body: { studentIds: ['st1'] } });
  const codes = await Promise.all(['st0', 'st1', 'st2'].map((id) => currentCode(api, world, id)));
  const canonical = codes.map((c) => normalizeAccessCode(c)!);

  const stored: Record<string, unknown>[] = [];
  for (const name of ['students', 'codes', 'audit', 'outbox'] as const) {
    const { Items } = await dynamo.send(new ScanCommand({ TableName: table(name), FilterExpression: 'schoolId = :s', ExpressionAttributeValues: { ':s': world.school.schoolId } }));
    stored.push(...(Items ?? []));
  }
  const text = JSON.stringify(stored);
  for (const [i, code] of codes.entries()) {
    expect(text).not.toContain(code);
    expect(text).not.toContain(canonical[i]);
  }
  const student = stored.find((item) => item.studentId === 'st0' && 'sealedCode' in item)!;
  expect(student.code).toBeUndefined();
  const vault = await codeVault();
  expect(normalizeAccessCode(await vault.open(String(student.sealedCode), sealedCodeContext(world.school.schoolId, 'st0')))).toBe(canonical[0]);
  // Copied onto another student's item, it does not open.
  await expect(vault.open(String(student.sealedCode), sealedCodeContext(world.school.schoolId, 'st1'))).rejects.toThrow();
});
