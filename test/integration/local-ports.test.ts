import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  listenOnPort,
  listensOn,
  localClient,
  PortTakenError,
  portRequest,
  startDynamoLocal,
  type PortRequest,
  type RunningDynamo,
} from '../../infra/local/dynamodb-local';
import { LOCAL_EXPORTS_BUCKET, startS3Local } from '../../infra/local/s3-local';
import { startLocalServer } from '../../infra/local/server';

/**
 * `npm start` in two checkouts at once, with no port given: each port is its documented default
 * when free, else a free one; a port the user asks for that is taken is an error, not a move.
 * Real sockets throughout: a port is held by a plain TCP server here, as another process would.
 */
jest.setTimeout(120_000);

const JVM_START_MS = 120_000;
let held: Server[] = [];
let dirs: string[] = [];

/** A port something else listens on, as another checkout's `npm start` would. */
async function holdPort(host?: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => (host ? server.listen(0, host, done) : server.listen(0, done)));
  held.push(server);
  return (server.address() as { port: number }).port;
}

const asDefault = (port: number): PortRequest => ({ port, explicit: false, label: '--port / PORT' });
const asExplicit = (port: number): PortRequest => ({ port, explicit: true, label: '--port / PORT' });

afterEach(async () => {
  await Promise.all(held.map((server) => new Promise((done) => server.close(done))));
  held = [];
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

describe('the port options', () => {
  test('a flag wins over its env var, which wins over the default; only the first two are explicit', () => {
    const option = { flag: 'port', env: 'PORT', fallback: 3000 };
    expect(portRequest(option, undefined, {})).toEqual({ port: 3000, explicit: false, label: '--port / PORT' });
    expect(portRequest(option, undefined, { PORT: '4000' })).toEqual({ port: 4000, explicit: true, label: '--port / PORT' });
    expect(portRequest(option, '5000', { PORT: '4000' })).toEqual({ port: 5000, explicit: true, label: '--port / PORT' });
    expect(portRequest(option, '0', {})).toMatchObject({ port: 0, explicit: true });
    expect(portRequest(option, undefined, { PORT: '' })).toMatchObject({ port: 3000, explicit: false });
    for (const bad of ['abc', '70000', '-1', '3000x', '']) expect(() => portRequest(option, bad, {})).toThrow('--port / PORT must be a port number');
  });
});

describe('a plain server (the API and console, the local S3)', () => {
  test('a default port another process holds gives way to a free one', async () => {
    const taken = await holdPort('127.0.0.1');
    const server = createServer();
    const port = await listenOnPort(server, asDefault(taken), '127.0.0.1');
    expect(port).not.toBe(taken);
    expect(port).toBeGreaterThan(0);
    await new Promise((done) => server.close(done));
  });

  test('a free default port is used as it is', async () => {
    const free = await holdPort('127.0.0.1');
    await new Promise((done) => held.pop()!.close(done));
    const server = createServer();
    expect(await listenOnPort(server, asDefault(free), '127.0.0.1')).toBe(free);
    await new Promise((done) => server.close(done));
  });

  test('a port asked for that is taken fails, saying which and how to choose', async () => {
    const taken = await holdPort('127.0.0.1');
    const server = createServer();
    const attempt = listenOnPort(server, asExplicit(taken), '127.0.0.1');
    await expect(attempt).rejects.toBeInstanceOf(PortTakenError);
    await expect(attempt).rejects.toThrow(`Port ${taken} (--port / PORT) is in use by another process. Stop that process, choose another port, or leave --port / PORT unset to take a free one.`);
    expect(server.listening).toBe(false);
  });

  test('the local API reports the port it really listens on, and answers there', async () => {
    const taken = await holdPort('127.0.0.1');
    const api = await startLocalServer({ port: asDefault(taken), routes: [] });
    try {
      expect(new URL(api.url).port).not.toBe(String(taken));
      expect((await fetch(`${api.url}/nothing-here`)).status).toBe(404);
    } finally {
      await api.close();
    }
    await expect(startLocalServer({ port: taken, routes: [] })).rejects.toBeInstanceOf(PortTakenError);
  });

  test('the local S3 server moves off a held default, and refuses a held port asked for', async () => {
    const taken = await holdPort('127.0.0.1');
    const directory = mkdtempSync(join(tmpdir(), 'parent-access-ports-s3-'));
    dirs.push(directory);
    const s3 = await startS3Local({ directory, port: asDefault(taken) });
    try {
      expect(new URL(s3.endpoint).port).not.toBe(String(taken));
      const client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
      expect((await client.send(new ListObjectsV2Command({ Bucket: LOCAL_EXPORTS_BUCKET }))).KeyCount).toBe(0);
      client.destroy();
    } finally {
      await s3.stop();
    }
    await expect(startS3Local({ directory, port: asExplicit(taken) })).rejects.toBeInstanceOf(PortTakenError);
  });
});

describe('DynamoDB Local (a Java process: the port is chosen before it starts)', () => {
  test('a held default gives way to a free port; a held port asked for fails before Java starts', async () => {
    const taken = await holdPort();
    const dynamo = await startDynamoLocal({ port: asDefault(taken) });
    try {
      expect(new URL(dynamo.endpoint).port).not.toBe(String(taken));
      const client = localClient(dynamo.endpoint);
      expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      client.destroy();
    } finally {
      await dynamo.stop();
    }
    const started = Date.now();
    await expect(startDynamoLocal({ port: asExplicit(taken) })).rejects.toThrow(`Port ${taken} (--port / PORT) is in use`);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, JVM_START_MS);

  test('two started at once for the same default port each get a port and tables of their own', async () => {
    // Both may see the port free and start Java on it; the one that cannot bind must notice
    // (DynamoDB Local keeps running after a failed bind) and move, not use the other's tables.
    const wanted = await holdPort();
    await new Promise((done) => held.pop()!.close(done));
    const both: RunningDynamo[] = [];
    try {
      // The second starts once the first has checked the port and while its Java is still starting
      // (seconds), so both see it free: the race two checkouts' `npm start`s would run.
      const first = startDynamoLocal({ port: asDefault(wanted) });
      await new Promise((done) => setTimeout(done, 100));
      const results = await Promise.allSettled([first, startDynamoLocal({ port: asDefault(wanted) })]);
      for (const result of results) if (result.status === 'fulfilled') both.push(result.value);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      const [a, b] = both as [RunningDynamo, RunningDynamo];
      expect(a.endpoint).not.toBe(b.endpoint);
      for (const dynamo of both) expect(listensOn(dynamo.process.pid!, Number(new URL(dynamo.endpoint).port))).not.toBe(false);
      const clientA = localClient(a.endpoint);
      const clientB = localClient(b.endpoint);
      await clientA.send(
        new CreateTableCommand({
          TableName: 'only-in-a',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
      expect((await clientA.send(new ListTablesCommand({}))).TableNames).toEqual(['only-in-a']);
      expect((await clientB.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      clientA.destroy();
      clientB.destroy();
    } finally {
      await Promise.all(both.map((dynamo) => dynamo.stop()));
    }
  }, 2 * JVM_START_MS);

  test('whose socket a port is: told from the process that listens (Linux /proc)', async () => {
    const child = spawn(process.execPath, ['-e', "require('net').createServer().listen(0, '127.0.0.1', function () { console.log(this.address().port) })"], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const port = Number(await new Promise<string>((done) => child.stdout!.once('data', (chunk: Buffer) => done(chunk.toString().trim()))));
      const verdict = listensOn(child.pid!, port);
      if (verdict === undefined) return; // no /proc here: the check is skipped, as startDynamoLocal does
      expect(verdict).toBe(true);
      expect(listensOn(process.pid, port)).toBe(false);
    } finally {
      child.kill();
    }
  });
});
