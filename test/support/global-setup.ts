import { ensureTables, localEnvironment, startDynamoLocal } from '../../infra/local/dynamodb-local';
import { generateParentSigningKey } from '../../infra/local/dev-auth';

/** One DynamoDB Local for the whole run; test files share tables but never data (own ids). */
export default async function globalSetup(): Promise<void> {
  const dynamo = await startDynamoLocal();
  await ensureTables(dynamo.endpoint, 'test');
  Object.assign(process.env, localEnvironment(dynamo.endpoint, 'test'), {
    CODE_PEPPER: 'test-pepper-0123456789abcdef0123456789abcdef',
    PARENT_SIGNING_KEY: await generateParentSigningKey(),
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
  });
  (globalThis as { __dynamo?: typeof dynamo }).__dynamo = dynamo;
}
