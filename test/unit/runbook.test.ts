import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JOB_TYPES } from '../../shared/jobs/registry';

/**
 * The runbook (docs/runbook.md) names only commands that exist: every `npm run` script is in
 * package.json, every `npx cdk` command is one the pinned CDK CLI has, every stack it names is the
 * app's, and every `-c` context value is one the app reads. The whole page is the runbook.
 */
const root = join(__dirname, '..', '..');
const operations = readFileSync(join(root, 'docs', 'runbook.md'), 'utf8');
const commands = [...operations.matchAll(/(?:^|`|\s)((?:npm run|npx cdk) [^`\n#]*)/gm)].map((m) => m[1]!.trim());

test('the runbook has a page with commands in it', () => {
  expect(operations.length).toBeGreaterThan(1000);
  expect(commands.length).toBeGreaterThan(5);
});

test('every `npm run` script it names exists', () => {
  const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts);
  const named = commands.filter((c) => c.startsWith('npm run')).map((c) => c.split(/\s+/)[2]!);
  expect(named.filter((script) => !scripts.includes(script))).toEqual([]);
  for (const command of commands.filter((c) => c.startsWith('npm run job --'))) expect(JOB_TYPES).toContain(command.split(/\s+/)[4]);
});

test('every `npx cdk` command is one the pinned CLI has, for the app’s stack and context', () => {
  const help = execFileSync(join(root, 'node_modules', '.bin', 'cdk'), ['--help'], { encoding: 'utf8' });
  const known = new Set([...help.matchAll(/^\s+cdk (\w[\w-]*)/gm)].map((m) => m[1]));
  const app = readFileSync(join(root, 'infra', 'compose.ts'), 'utf8');
  const contextNames = new Set([...app.matchAll(/(?:tryGetContext|list|number)\((?:`\$\{prefix\}|')(\w+)/g)].map((m) => m[1]));
  for (const prefix of ['staff', 'parent']) for (const part of ['Issuer', 'Audience']) contextNames.add(`${prefix}${part}`);
  const stacks = [...app.matchAll(/new \w+Stack\(app, '(\w+)'/g)].map((m) => m[1]);
  for (const command of commands.filter((c) => c.startsWith('npx cdk'))) {
    const [, , sub, ...rest] = command.split(/\s+/);
    expect({ command, known: known.has(sub!) }).toEqual({ command, known: true });
    const named = rest.filter((word) => /^[A-Z]\w+$/.test(word));
    expect(named.filter((name) => !stacks.includes(name))).toEqual([]);
    const contexts = [...command.matchAll(/-c (\w+)=/g)].map((m) => m[1]!);
    expect(contexts.filter((name) => !contextNames.has(name))).toEqual([]);
  }
});

test('every context value the app reads is documented in the runbook', () => {
  const app = readFileSync(join(root, 'infra', 'compose.ts'), 'utf8');
  const read = [...app.matchAll(/(?:list|number)\('(\w+)'\)/g)].map((m) => m[1]!);
  expect(read.filter((name) => !operations.includes(`\`${name}\``))).toEqual([]);
});
