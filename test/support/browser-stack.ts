import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The browser tests' global setup: `npm start`'s own program (infra/local/start.ts), on a data
 * folder and ports of its own, with the demo school, the job runner and the console host. The
 * console must be built first (`npm test` and `npm run test:browser` do).
 */
const STARTUP_MS = 120_000;

export default async function startStack(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parent-access-browser-'));
  // Port 0: each server takes a free port when it starts (no port checked here and taken by the
  // time the stack binds it); the console's URL is read from what the stack prints.
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'infra/local/start.ts', '--fresh', '--data-dir', dataDir, '--port', '0', '--dynamo-port', '0', '--s3-port', '0', '--mail-port', '0'], {
    cwd: join(__dirname, '..', '..'),
    // Cheap password hashes keep the tests independent of CPU speed, as in the other suites.
    env: { ...process.env, PASSWORD_SCRYPT_LOG2N: '12', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`npm start did not come up in ${STARTUP_MS / 1000} s:\n${output}`)), STARTUP_MS);
    const read = (chunk: Buffer) => {
      // Keep draining the pipes after start-up (a full pipe would block the server), keeping nothing.
      if (process.env.CONSOLE_URL) return;
      output += chunk.toString();
      const match = /Console:\s+(http:\/\/\S+?)\/?\s/.exec(output);
      if (match) {
        clearTimeout(timer);
        process.env.CONSOLE_URL = match[1]!;
        done(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => fail(new Error(`npm start exited (${code}):\n${output}`)));
  });
  process.env.CONSOLE_URL = url;
  // The mails the stack's local SMTP server received (tests read them as the inbox page does). Not
  // MAIL_DIR: `npm test` runs every project's global setup in one process, and the integration
  // setup's own SMTP server sets that one.
  process.env.STACK_MAIL_DIR = join(dataDir, 'mail');
  (globalThis as { __stack?: { child: ChildProcess; dataDir: string } }).__stack = { child, dataDir };
}

export async function stopStack(): Promise<void> {
  const stack = (globalThis as { __stack?: { child: ChildProcess; dataDir: string } }).__stack;
  if (!stack) return;
  const exited = new Promise((done) => stack.child.once('exit', done));
  // start.ts stops DynamoDB Local on SIGTERM; the group kill catches anything left.
  stack.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((done) => (timer = setTimeout(done, 10_000)))]);
  clearTimeout(timer);
  try {
    process.kill(-stack.child.pid!, 'SIGKILL');
  } catch {
    /* already gone */
  }
  stack.child.stdout?.destroy();
  stack.child.stderr?.destroy();
  rmSync(stack.dataDir, { recursive: true, force: true });
}
