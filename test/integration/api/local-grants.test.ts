import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { localBindings } from '../../../shared/config';
import { dynamo, table } from '../../../shared/data/client';
import { neededFor } from '../../../shared/data/local-grants';
import type { TableGrants } from '../../../shared/data/table-access';

// The local stand-in for IAM (shared/data/local-grants.ts): inside a function's binding, a call
// its declaration does not grant is refused before it is sent, as AccessDeniedException, so
// nothing is written. Each case below is one way a missing grant shows itself.

// Async, so a refusal (even the table name's, before any call) is a rejected promise.
const asFunction = <T>(tables: TableGrants, call: () => Promise<T>) => localBindings.run({ functionName: 'probe-fn', tables }, async () => call());
const pk = (prefix: string) => `PROBE#${prefix}-${randomUUID()}`;
const stored = async (name: 'students' | 'codes' | 'audit', key: Record<string, string>) => (await dynamo.send(new GetCommand({ TableName: table(name), Key: key }))).Item;

function denied(action: string, resource: string | RegExp) {
  return expect.objectContaining({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: expect.objectContaining({ httpStatusCode: 400 }),
    message: expect.stringMatching(
      new RegExp(`^User: arn:aws:sts::\\d+:assumed-role/probe-fn/probe-fn is not authorized to perform: dynamodb:${action} on resource: ${typeof resource === 'string' ? resource : resource.source} because no identity-based policy allows the dynamodb:${action} action$`),
    ),
  });
}
const arnOf = (name: 'students' | 'codes' | 'audit' | 'jobs', index?: string) =>
  `arn:aws:dynamodb:[a-z0-9-]+:\\d+:table/${table(name)}${index ? `/index/${index}` : ''}`;

test('a write on a read-only binding is refused, and nothing is written', async () => {
  const key = { pk: pk('student') };
  const write = asFunction({ students: ['GetItem', 'Query:byDistrictSchool'] }, () => dynamo.send(new PutCommand({ TableName: table('students'), Item: { ...key, firstName: 'Ada' } })));
  await expect(write).rejects.toEqual(denied('PutItem', arnOf('students')));
  await expect(write).rejects.toBeInstanceOf(DynamoDBServiceException);
  expect(await stored('students', key)).toBeUndefined();
  // What it is granted goes through.
  expect((await asFunction({ students: ['GetItem'] }, () => dynamo.send(new GetCommand({ TableName: table('students'), Key: key })))).Item).toBeUndefined();
});

test('a Scan without Scan is refused, though the function may read the table otherwise', async () => {
  const scan = asFunction({ jobs: ['GetItem', 'BatchGetItem', 'Query:byDistrictSchool'] }, () => dynamo.send(new ScanCommand({ TableName: table('jobs'), Limit: 1 })));
  await expect(scan).rejects.toEqual(denied('Scan', arnOf('jobs')));
});

test('a DeleteItem without DeleteItem is refused, and the item stays', async () => {
  const key = { pk: pk('code') };
  await dynamo.send(new PutCommand({ TableName: table('codes'), Item: { ...key, studentId: 'st0' } }));
  const remove = asFunction({ codes: ['GetItem', 'PutItem', 'UpdateItem'] }, () => dynamo.send(new DeleteCommand({ TableName: table('codes'), Key: key })));
  await expect(remove).rejects.toEqual(denied('DeleteItem', arnOf('codes')));
  expect(await stored('codes', key)).toEqual({ ...key, studentId: 'st0' });
});

test('a transaction is refused whole when one item’s action is not granted on its table', async () => {
  const student = { pk: pk('student') };
  const code = { pk: pk('code') };
  await dynamo.send(new PutCommand({ TableName: table('codes'), Item: code }));
  const items = [
    { Put: { TableName: table('students'), Item: student } },
    // IAM authorizes each item by its own action ("Using IAM with DynamoDB transactions").
    { Delete: { TableName: table('codes'), Key: code } },
  ];
  const swap = asFunction({ students: ['PutItem'], codes: ['PutItem'] }, () => dynamo.send(new TransactWriteCommand({ TransactItems: items })));
  await expect(swap).rejects.toEqual(denied('DeleteItem', arnOf('codes')));
  expect(await stored('students', student)).toBeUndefined();
  expect(await stored('codes', code)).toEqual(code);
  // A condition check is ConditionCheckItem, which an UpdateItem grant does not cover.
  const check = asFunction({ students: ['PutItem'], codes: ['UpdateItem'] }, () =>
    dynamo.send(new TransactWriteCommand({ TransactItems: [items[0]!, { ConditionCheck: { TableName: table('codes'), Key: code, ConditionExpression: 'attribute_exists(pk)' } }] })),
  );
  await expect(check).rejects.toEqual(denied('ConditionCheckItem', arnOf('codes')));
  expect(await stored('students', student)).toBeUndefined();
  // With every item's action granted it commits.
  await asFunction({ students: ['PutItem'], codes: ['DeleteItem'] }, () => dynamo.send(new TransactWriteCommand({ TransactItems: items })));
  expect(await stored('students', student)).toEqual(student);
  expect(await stored('codes', code)).toBeUndefined();
});

test('a BatchWriteItem without BatchWriteItem is refused, though every item in it is a put the function may make', async () => {
  const event = { pk: pk('audit'), sk: 'at' };
  const batch = asFunction({ audit: ['PutItem'] }, () => dynamo.send(new BatchWriteCommand({ RequestItems: { [table('audit')]: [{ PutRequest: { Item: event } }] } })));
  await expect(batch).rejects.toEqual(denied('BatchWriteItem', arnOf('audit')));
  expect(await stored('audit', event)).toBeUndefined();
});

test('a Query needs a grant on the very index it reads: the table or another index is not enough', async () => {
  const query = (IndexName?: string) => () =>
    dynamo.send(new QueryCommand({ TableName: table('students'), ...(IndexName ? { IndexName } : {}), KeyConditionExpression: IndexName ? 'numberKey = :k' : 'pk = :k', ExpressionAttributeValues: { ':k': 'none' } }));
  const grants: TableGrants = { students: ['GetItem', 'Query', 'Query:byDistrictSchool'] };
  await expect(asFunction(grants, query('byStudentNumber'))).rejects.toEqual(denied('Query', arnOf('students', 'byStudentNumber')));
  await expect(asFunction(grants, query())).resolves.toMatchObject({ Items: [] });
  await expect(asFunction({ students: ['Query:byStudentNumber'] }, query())).rejects.toEqual(denied('Query', arnOf('students')));
  await expect(asFunction({ students: ['Query:byStudentNumber'] }, query('byStudentNumber'))).resolves.toMatchObject({ Items: [] });
});

test('a table the function is not bound to is refused before any call; outside a binding nothing is checked', async () => {
  const key = { pk: pk('student') };
  await expect(asFunction({ codes: ['GetItem'] }, () => dynamo.send(new GetCommand({ TableName: table('students'), Key: key })))).rejects.toThrow(
    'probe-fn is not bound to the students table (TABLE_STUDENTS unset).',
  );
  await dynamo.send(new UpdateCommand({ TableName: table('students'), Key: key, UpdateExpression: 'SET probe = :x', ExpressionAttributeValues: { ':x': 1 } }));
  expect(await stored('students', key)).toEqual({ ...key, probe: 1 });
});

test('each low-level command needs what IAM checks for it', () => {
  expect(neededFor('GetItemCommand', { TableName: 't' })).toEqual([{ action: 'GetItem', tableName: 't' }]);
  expect(neededFor('ScanCommand', { TableName: 't', IndexName: 'i' })).toEqual([{ action: 'Scan', tableName: 't', index: 'i' }]);
  expect(neededFor('BatchGetItemCommand', { RequestItems: { a: {}, b: {} } })).toEqual([{ action: 'BatchGetItem', tableName: 'a' }, { action: 'BatchGetItem', tableName: 'b' }]);
  expect(neededFor('TransactGetItemsCommand', { TransactItems: [{ Get: { TableName: 'a' } }] })).toEqual([{ action: 'GetItem', tableName: 'a' }]);
  expect(neededFor('TransactWriteItemsCommand', { TransactItems: [{ Update: { TableName: 'a' } }, { ConditionCheck: { TableName: 'b' } }] })).toEqual([
    { action: 'UpdateItem', tableName: 'a' },
    { action: 'ConditionCheckItem', tableName: 'b' },
  ]);
  // No declaration can grant what is not an item action.
  expect(neededFor('DescribeTableCommand', { TableName: 't' })).toEqual([{ action: 'DescribeTable', tableName: 't' }]);
});

test('LOCAL_GRANTS_RECORD records what each call needs and refuses nothing', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'grants-')), 'grants.jsonl');
  const key = { pk: pk('student') };
  const previous = process.env.LOCAL_GRANTS_RECORD;
  process.env.LOCAL_GRANTS_RECORD = file;
  try {
    // Config is read once per module registry: load a fresh one with the variable set.
    await jest.isolateModulesAsync(async () => {
      const { localBindings: bindings } = await import('../../../shared/config');
      const { dynamo: client, table: tableOf } = await import('../../../shared/data/client');
      await bindings.run({ functionName: 'recorded-fn', tables: { students: ['GetItem'] } }, () =>
        client.send(new PutCommand({ TableName: tableOf('students'), Item: key })),
      );
      client.destroy();
    });
  } finally {
    if (previous === undefined) delete process.env.LOCAL_GRANTS_RECORD;
    else process.env.LOCAL_GRANTS_RECORD = previous;
  }
  expect(readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line))).toEqual([{ function: 'recorded-fn', table: 'students', action: 'PutItem' }]);
  expect(await stored('students', key)).toEqual(key);
});
