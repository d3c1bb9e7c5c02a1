import { parseArgs } from 'node:util';
import { localEnvironment } from './dynamodb-local';

/**
 * `npm run outbox`: prints the notice events the local service wrote (in AWS they go to the
 * `parent-access` EventBridge bus instead). Reads the DynamoDB Local that `npm start` runs.
 */
async function main() {
  const { values } = parseArgs({ options: { 'dynamo-port': { type: 'string', default: process.env.DYNAMO_PORT ?? '8042' }, district: { type: 'string' } } });
  Object.assign(process.env, localEnvironment(`http://127.0.0.1:${values['dynamo-port']}`, 'local'));
  const { readOutbox } = await import('../../shared/data/outbox');
  for (const event of await readOutbox({ districtId: values.district })) console.log(JSON.stringify(event));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
