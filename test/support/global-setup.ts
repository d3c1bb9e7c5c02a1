import { randomBytes } from 'node:crypto';
import { ensureTables, localEnvironment, startDynamoLocal } from '../../infra/local/dynamodb-local';
import { ephemeralLocalKeys } from '../../infra/local/local-keys';
import { s3Environment, startS3Local } from '../../infra/local/s3-local';
import { startMailLocal } from '../../infra/local/mail-local';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One DynamoDB Local (and one local S3) for the whole run; test files share tables but never data (own ids). */
export default async function globalSetup(): Promise<void> {
  const dynamo = await startDynamoLocal();
  await ensureTables(dynamo.endpoint, 'test');
  // Exports go through the S3 API to a local S3-compatible server, in a folder of this run's own.
  const s3 = await startS3Local({ directory: mkdtempSync(join(tmpdir(), 'parent-access-s3-')) });
  // Mail goes over SMTP to a real local server; tests read what it received from MAIL_DIR.
  const mail = await startMailLocal({ directory: mkdtempSync(join(tmpdir(), 'parent-access-mail-')) });
  Object.assign(process.env, localEnvironment(dynamo.endpoint, 'test'), s3Environment(s3.endpoint), {
    MAIL_SMTP_URL: mail.url,
    MAIL_DIR: mail.directory,
    MAIL_FROM: 'Parent Access <no-reply@parent-access.test>',
    CODE_PEPPER: 'test-pepper-0123456789abcdef0123456789abcdef',
    CODE_VAULT_KEY: randomBytes(32).toString('hex'),
    ...(await ephemeralLocalKeys()),
    // Cheap hashes keep tests independent of CPU speed; one test checks the production cost.
    PASSWORD_SCRYPT_LOG2N: '12',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    // Letters and mails link to the portal (the browser tests' own stack sets its real address).
    PORTAL_URL: 'http://127.0.0.1:3000/',
    // Every response a test provokes is checked against its route's contract.
    CONTRACT_CHECK_RESPONSES: 'true',
  });
  Object.assign(globalThis, { __dynamo: dynamo, __s3: s3, __mail: mail });
}
