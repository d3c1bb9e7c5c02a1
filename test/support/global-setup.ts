import { randomBytes } from 'node:crypto';
import { ensureTables, localEnvironment, startDynamoLocal } from '../../infra/local/dynamodb-local';
import { ephemeralLocalKeys } from '../../infra/local/local-keys';

/** One DynamoDB Local for the whole run; test files share tables but never data (own ids). */
export default async function globalSetup(): Promise<void> {
  const dynamo = await startDynamoLocal();
  await ensureTables(dynamo.endpoint, 'test');
  Object.assign(process.env, localEnvironment(dynamo.endpoint, 'test'), {
    CODE_PEPPER: 'test-pepper-0123456789abcdef0123456789abcdef',
    CODE_VAULT_KEY: randomBytes(32).toString('hex'),
    ...(await ephemeralLocalKeys()),
    // Cheap hashes keep tests independent of CPU speed; one test checks the production cost.
    PASSWORD_SCRYPT_LOG2N: '12',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    // Every response a test provokes is checked against its route's contract.
    CONTRACT_CHECK_RESPONSES: 'true',
  });
  (globalThis as { __dynamo?: typeof dynamo }).__dynamo = dynamo;
}
