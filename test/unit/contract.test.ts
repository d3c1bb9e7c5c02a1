import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { ROUTES } from '../../shared/contract/routes';
import { refusalStatuses } from '../../shared/contract/route';
import { openApiDocument } from '../../shared/contract/openapi';
import { PERMISSIONS } from '../../shared/domain/principal';
import { AUDIT_ACTIONS } from '../../shared/contract/schemas';
import { JOB_TASKS } from '../../infra/job-tasks';
import { MAIL_FUNCTIONS } from '../../infra/mail-functions';
import { CONSOLE_TYPES_FILE, OPENAPI_FILE, renderOpenApi } from '../../infra/write-openapi';

const root = join(__dirname, '..', '..');

describe('the route table is the contract', () => {
  test.each(ROUTES.map((r) => [r.id, r] as const))('%s: its example is a valid request', (_id, route) => {
    const request = route.request ?? {};
    const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    expect(Object.keys(route.example?.params ?? {}).sort()).toEqual(names.sort());
    expect(request.params?.safeParse(route.example?.params).error?.issues).toBeUndefined();
    expect(request.query?.safeParse(route.example?.query ?? {}).error?.issues).toBeUndefined();
    expect(request.body?.safeParse(route.example?.body).error?.issues).toBeUndefined();
    expect(route.example?.body !== undefined).toBe(Boolean(request.body));
  });

  test('route ids and method + path pairs are unique; staff routes name their permissions, others none', () => {
    expect(new Set(ROUTES.map((r) => r.id)).size).toBe(ROUTES.length);
    expect(new Set(ROUTES.map((r) => `${r.method} ${r.path}`)).size).toBe(ROUTES.length);
    for (const route of ROUTES) {
      expect({ id: route.id, permissions: route.permissions?.length ? 'some' : 'none' }).toEqual({ id: route.id, permissions: route.auth === 'staff' ? 'some' : 'none' });
    }
    // The factory scopes staff by the school or district in the path: a staff route must name one.
    const unscoped = ROUTES.filter((r) => r.auth === 'staff' && !/\{(schoolId|districtId)\}/.test(r.path)).map((r) => r.id);
    expect(unscoped).toEqual([]);
  });

  test('each handler file belongs to exactly one route, job task or mail function, and builds its handler from its own group and route id', () => {
    const files = listFiles(join(root, 'functions')).map((f) => relative(root, f));
    // The page workers of every job type share one file (one function per type, each with its own rights).
    const entries = [...ROUTES.map((r) => r.entry), ...new Set(JOB_TASKS.map((t) => t.entry)), ...Object.values(MAIL_FUNCTIONS).map((f) => f.entry)];
    expect(files.sort()).toEqual([...entries].sort());
    for (const route of ROUTES) {
      const source = readFileSync(join(root, route.entry), 'utf8');
      const call = source.match(/apiHandler\((\w+), '([\w-]+)'/);
      const groupFile = source.match(/from '(?:\.\.\/)+shared\/contract\/routes\/([\w-]+)'/)?.[1];
      expect({ entry: route.entry, calls: call?.[2], group: groupFile }).toEqual({ entry: route.entry, calls: route.id, group: route.group });
    }
  });

  test('no handler repeats a permission: the route table holds them', () => {
    for (const file of listFiles(join(root, 'functions'))) {
      const source = readFileSync(file, 'utf8');
      for (const permission of PERMISSIONS) expect({ file, mentions: source.includes(`'${permission}'`) }).toEqual({ file, mentions: false });
    }
  });
});

describe('the OpenAPI document', () => {
  test('passes a real validator (swagger-parser, OpenAPI 3.1 schema)', async () => {
    await expect(SwaggerParser.validate(structuredClone(openApiDocument()) as never)).resolves.toBeDefined();
  });

  test('describes every route: its parameters, body, response, refusals and security', () => {
    const document = openApiDocument();
    expect(document.openapi).toBe('3.1.0');
    for (const route of ROUTES) {
      const operation = document.paths?.[route.path]?.[route.method.toLowerCase() as 'get'];
      expect({ route: route.id, documented: Boolean(operation) }).toEqual({ route: route.id, documented: true });
      const parameters = (operation!.parameters ?? []) as { name: string; in: string }[];
      const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(parameters.filter((p) => p.in === 'path').map((p) => p.name).sort()).toEqual(pathNames.sort());
      expect(Boolean(operation!.requestBody)).toBe(Boolean(route.request?.body));
      // Exactly the answers the contract allows; tests fail on any other refusal (handler factory).
      const statuses = Object.keys(operation!.responses ?? {}).sort();
      expect({ route: route.id, statuses }).toEqual({ route: route.id, statuses: [route.response.status, ...refusalStatuses(route)].map(String).sort() });
      expect(statuses).toEqual(expect.arrayContaining(route.auth === 'none' ? [] : ['401', '403']));
      expect(operation!.security).toEqual(route.auth === 'none' ? [] : [{ [`${route.auth}Token`]: [] }]);
    }
  });

  test('the committed openapi.json is the generated one (run `npm run openapi` after changing a route)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(renderOpenApi());
  });

  test("the console's client types are generated from that document (run `npm run openapi`)", () => {
    const generated = execFileSync(process.execPath, [require.resolve('tsx/cli'), 'infra/write-openapi.ts', '--print-console-types'], { encoding: 'utf8' });
    expect(readFileSync(CONSOLE_TYPES_FILE, 'utf8')).toBe(generated);
  });
});

describe('the audit actions', () => {
  /**
   * Every action code the code writes, found where it is written: `action: '…'`, an item's or a
   * page's audit (`itemAudit(job, '…')`, `pageAudit: { action: '…' }`), a parent account's event
   * (`accountEvent(parent, '…')`) and the school's created-or-updated choice.
   */
  const written = () => {
    const found = new Set<string>();
    const patterns = [/\baction: '([a-z]+\.[a-z-]+)'/g, /\bitemAudit\(\w+, '([a-z]+\.[a-z-]+)'/g, /\baccountEvent\([^,]+, '([a-z]+\.[a-z-]+)'/g, /\? '(school\.[a-z-]+)' : '(school\.[a-z-]+)'/g];
    for (const file of listFiles(join(root, 'shared')).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of patterns) for (const match of text.matchAll(pattern)) for (const code of match.slice(1)) if (code) found.add(code);
    }
    return found;
  };

  test('the filter\'s list (AUDIT_ACTIONS) holds every action the code writes, once', () => {
    expect([...written()].filter((code) => !(AUDIT_ACTIONS as readonly string[]).includes(code))).toEqual([]);
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });

  test('each listed action is written somewhere, but those older trails hold that are written no more', () => {
    const found = written();
    const historical = ['parent.looked-up'];
    expect(AUDIT_ACTIONS.filter((code) => !found.has(code) && !historical.includes(code))).toEqual([]);
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
