import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { API_DOCS_FILE, renderApiDocs } from '../../infra/write-openapi';

/**
 * The README and every page under docs/ hold together: each relative link reaches a file (and a
 * `#anchor` a heading of that file, as GitHub makes heading anchors), each `npm run` script they
 * name is in package.json, each `npm start -- --flag` is one infra/local/start.ts parses, the
 * README stays one page that links every docs page, and docs/api.md is what `npm run openapi`
 * writes from the route table.
 */
const root = join(__dirname, '..', '..');
const docsDir = join(root, 'docs');
const README = join(root, 'README.md');
const pages = readdirSync(docsDir)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => join(docsDir, name));
const files = [README, ...pages];
const name = (file: string) => relative(root, file);
const text = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));

/** The text outside fenced code blocks, line by line (``` or ~~~ fences). */
function prose(markdown: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker) fence = marker[0]!.repeat(marker.length);
    else if (fence !== undefined && marker?.startsWith(fence)) fence = undefined;
    else if (fence === undefined) lines.push(line);
  }
  return lines;
}

/** The text inside code spans (`npm run x` is as good a mention there as anywhere), and the rest with code spans blanked. */
const withoutCodeSpans = (line: string) => line.replace(/(`+)(.+?)\1/g, (_, ticks: string) => ticks.replace(/`/g, ' '));

/**
 * GitHub's heading anchors (github-slugger): the heading's text as rendered (no markup), lower
 * case, every character but letters, marks, numbers, `_`, `-` and spaces dropped, each space a
 * hyphen; a repeated anchor gets `-1`, `-2`, … in order.
 */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of prose(markdown)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const rendered = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[`*]/g, '');
    const base = rendered.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Every link and image target outside code: `[text](target "title")`, `<img src>` and `<a href>`. */
function linksOf(markdown: string): string[] {
  return prose(markdown).flatMap((line) => {
    const plain = withoutCodeSpans(line);
    const markdownLinks = [...plain.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
    const htmlLinks = [...plain.matchAll(/<(?:img|a)\b[^>]*\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    return [...markdownLinks, ...htmlLinks];
  });
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** A relative link's problem, or undefined when it resolves: the file exists, and so does the heading it names. */
function problemWith(from: string, target: string): string | undefined {
  const [path, anchor] = target.split('#', 2) as [string, string | undefined];
  const file = path === '' ? from : resolve(dirname(from), decodeURIComponent(path));
  if (!existsSync(file)) return `${target}: no file ${name(file)}`;
  if (anchor === undefined) return undefined;
  if (!file.endsWith('.md') || statSync(file).isDirectory()) return `${target}: an anchor into a file that is not markdown`;
  const anchors = text.get(file) !== undefined ? anchorsOf(text.get(file)!) : anchorsOf(readFileSync(file, 'utf8'));
  return anchors.has(decodeURIComponent(anchor)) ? undefined : `${target}: no heading #${anchor} in ${name(file)}`;
}

/** The long options infra/local/start.ts declares to parseArgs. */
function startFlags(): string[] {
  const source = readFileSync(join(root, 'infra', 'local', 'start.ts'), 'utf8');
  const options = /parseArgs\(\{\s*options:\s*\{([\s\S]*?)\n\s{4}\},\n/.exec(source)?.[1] ?? '';
  return [...options.matchAll(/^\s*'?([\w-]+)'?:\s*\{\s*type:/gm)].map((m) => m[1]!);
}

/** The `--flags` after each `npm start --` (in code spans, code blocks or prose), up to a comment or the span's end. */
function startFlagsNamed(markdown: string): string[] {
  return [...markdown.matchAll(/npm start --([^`\n#]*)/g)].flatMap((m) => [...m[1]!.matchAll(/(?:^|\s)--([\w-]+)/g)].map((f) => f[1]!));
}

test('the pages are there to check', () => {
  expect(pages.map(name)).toEqual(expect.arrayContaining(['docs/api.md', 'docs/runbook.md', 'docs/security-model.md']));
  expect(files.every((file) => text.get(file)!.length > 500)).toBe(true);
});

test('the heading anchors follow GitHub: markup and punctuation dropped, spaces to hyphens, repeats numbered', () => {
  const anchors = anchorsOf('# Parent Access\n## Reset All\'s writes\n## Rosters from the SIS (OneRoster CSV)\n## `npm start`, with [links](x.md)\n## Notes\n## Notes\n```\n# not a heading\n```\n');
  expect([...anchors]).toEqual(['parent-access', 'reset-alls-writes', 'rosters-from-the-sis-oneroster-csv', 'npm-start-with-links', 'notes', 'notes-1']);
});

test('a link to a missing file or heading is a problem; one that resolves is not', () => {
  expect(problemWith(README, 'docs/no-such-page.md')).toMatch(/no file docs\/no-such-page\.md/);
  expect(problemWith(README, 'docs/runbook.md#no-such-heading')).toMatch(/no heading #no-such-heading in docs\/runbook\.md/);
  expect(problemWith(README, '#no-such-heading')).toMatch(/no heading/);
  expect([problemWith(README, 'docs/runbook.md#deploy'), problemWith(README, '#the-two-commands'), problemWith(join(docsDir, 'api.md'), '../openapi.json')]).toEqual([undefined, undefined, undefined]);
  expect(linksOf('[a](x.md) `[b](y.md)` ![c](z.png) <img src="w.png">\n```\n[d](v.md)\n```\n')).toEqual(['x.md', 'z.png', 'w.png']);
  expect(startFlagsNamed('`npm start -- --fresh --port 0` and\n    npm start -- --data-dir x   # --not-this')).toEqual(['fresh', 'port', 'data-dir']);
});

describe.each(files.map((file) => [name(file), file] as const))('%s', (_, file) => {
  const markdown = text.get(file)!;

  test('every relative link reaches a file, and every #anchor a heading of it', () => {
    const links = linksOf(markdown).filter((target) => !isExternal(target));
    expect(links.length).toBeGreaterThan(0);
    expect(links.map((target) => problemWith(file, target)).filter(Boolean)).toEqual([]);
  });

  test('every `npm run` script it names is in package.json', () => {
    const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>);
    const named = [...markdown.matchAll(/\bnpm run(?:\s+-s)?\s+([\w:.-]+)/g)].map((m) => m[1]!);
    expect(named.filter((script) => !scripts.includes(script))).toEqual([]);
  });

  test('every `npm start -- --flag` it names is one infra/local/start.ts parses', () => {
    const known = startFlags();
    expect(known).toEqual(expect.arrayContaining(['fresh', 'port', 'dynamo-port', 's3-port']));
    expect(startFlagsNamed(markdown).filter((flag) => !known.includes(flag))).toEqual([]);
  });
});

test('the README is one page of at most 200 lines', () => {
  expect(text.get(README)!.replace(/\n$/, '').split('\n').length).toBeLessThanOrEqual(200);
});

test('the README links every page of docs/', () => {
  const linked = new Set(
    linksOf(text.get(README)!)
      .filter((target) => !isExternal(target))
      .map((target) => resolve(root, target.split('#')[0]!)),
  );
  expect(pages.filter((page) => !linked.has(page)).map(name)).toEqual([]);
});

test('the README names every port option of `npm start`, with its variable', () => {
  const readme = text.get(README)!;
  const ports = [...readFileSync(join(root, 'infra', 'local', 'start.ts'), 'utf8').matchAll(/\{ flag: '([\w-]+)', env: '(\w+)', fallback: (\d+) \}/g)].map((m) => m.slice(1));
  expect(ports.length).toBeGreaterThanOrEqual(3);
  expect(ports.filter(([flag, env, port]) => !(readme.includes(`\`--${flag}\``) && readme.includes(`\`${env}\``) && readme.includes(port!)))).toEqual([]);
});

test('docs/api.md is what `npm run openapi` writes from the route table', () => {
  expect(readFileSync(API_DOCS_FILE, 'utf8')).toBe(renderApiDocs());
});
