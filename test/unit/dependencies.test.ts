import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { BUNDLE_EXTERNALS } from '../../infra/bundle-settings';
import { LETTER_FONT_FILES } from '../../shared/documents/code-letters';

/**
 * `dependencies` in package.json is exactly what the Lambda bundles load at run time; everything
 * else (CDK, the local stack, test and build tools, the console's packages, which Vite bundles at
 * build time, and the AWS SDK, which the bundles leave to the Lambda runtime) is a devDependency.
 * Read from package-lock.json, not `npm ls`: fast, and the same on every machine. (`npm audit`
 * cannot run here: the registry answers its endpoint with 405.)
 */
const ROOT = join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; dev?: boolean; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }>;
};

/** The lockfile's run-time tree: every installed package npm does not mark dev-only. */
const runtimeTree = Object.entries(lock.packages)
  .filter(([path, entry]) => path !== '' && !entry.dev)
  .map(([path, entry]) => ({ path, name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), version: entry.version ?? '' }));

function below(version: string, limit: string): boolean {
  const [a, b] = [version, limit].map((v) => v.split(/[.-]/).slice(0, 3).map(Number));
  for (let i = 0; i < 3; i++) if (a![i] !== b![i]) return a![i]! < b![i]!;
  return false;
}

/** Packages that must not ship, each with the reason. */
const KNOWN_BAD: { name: string; affected: (version: string) => boolean; why: string }[] = [
  // CVE-2022-24434 (GHSA-wm7h-9275-46v2): a crafted multipart body crashes the process; no fixed release.
  { name: 'dicer', affected: () => true, why: 'CVE-2022-24434 / GHSA-wm7h-9275-46v2, never fixed' },
  // busboy before 1.0 parses multipart with dicer (same advisory); 1.x has its own parser.
  { name: 'busboy', affected: (v) => below(v, '1.0.0'), why: 'depends on dicer: CVE-2022-24434 / GHSA-wm7h-9275-46v2' },
  // Local S3 stand-ins are tools for npm start and the tests; s3rver 3.x (unmaintained since 2020) pulls busboy 0.3 and dicer.
  { name: 's3rver', affected: () => true, why: 'a local tool (and it pulls dicer), not a run-time dependency' },
  { name: '@20minutes/s3rver', affected: () => true, why: 'a local tool, not a run-time dependency' },
  // CVE-2023-0842 (GHSA-776f-qx25-q3cc): prototype pollution, fixed in 0.5.0 (aws-sdk v2 pulls it).
  { name: 'xml2js', affected: (v) => below(v, '0.5.0'), why: 'CVE-2023-0842 / GHSA-776f-qx25-q3cc' },
  // CVE-2022-25883 (GHSA-c2qf-rxjj-qqgw): ReDoS in Range, fixed in 7.5.2, 6.3.1 and 5.7.2.
  {
    name: 'semver',
    affected: (v) => (v.startsWith('7.') ? below(v, '7.5.2') : v.startsWith('6.') ? below(v, '6.3.1') : below(v, '5.7.2')),
    why: 'CVE-2022-25883 / GHSA-c2qf-rxjj-qqgw',
  },
  // The v2 SDK is in maintenance mode and the Node.js runtimes since 18 do not provide it: code uses v3.
  { name: 'aws-sdk', affected: () => true, why: 'AWS SDK v2: the functions use v3, provided by the Lambda runtime' },
];

/** What code under these folders imports: package names, split into value and type-only imports. */
function importsOf(folders: string[]): { values: Map<string, string[]>; types: Map<string, string[]> } {
  const values = new Map<string, string[]>();
  const types = new Map<string, string[]>();
  const note = (map: Map<string, string[]>, specifier: string, file: string) => {
    if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!)) return;
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
    map.set(name, [...(map.get(name) ?? []), relative(ROOT, file)]);
  };
  const files = folders.flatMap((folder) =>
    (readdirSync(join(ROOT, folder), { recursive: true }) as string[])
      .filter((file) => /\.(ts|js|mjs|cjs)$/.test(file) && !file.endsWith('.d.ts'))
      .map((file) => join(ROOT, folder, file)),
  );
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        // TypeScript drops an import whose every binding is a type: nothing loads at run time.
        const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
        const bindings = clause?.namedBindings;
        const typeOnly = ts.isImportDeclaration(node)
          ? !!clause && (clause.isTypeOnly || (!clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)))
          : node.isTypeOnly;
        note(typeOnly ? types : values, node.moduleSpecifier.text, file);
      } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
        note(node.isTypeOnly ? types : values, node.moduleReference.expression.text, file);
      } else if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
        // require('x'), require.resolve('x'), await import('x')
        const callee = node.expression;
        const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
        const isResolve = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'require' && callee.name.text === 'resolve';
        if (isRequire || isResolve || callee.kind === ts.SyntaxKind.ImportKeyword) note(values, node.arguments[0].text, file);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        note(types, node.argument.literal.text, file);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { values, types };
}

const external = (name: string) => BUNDLE_EXTERNALS.some((pattern) => (pattern.endsWith('/*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
/** The fonts CDK copies into the letter functions' bundles (files, not imports). */
const bundledFilePackages = new Set(LETTER_FONT_FILES.map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)![1]!));

let scanned: ReturnType<typeof importsOf> | undefined;
/** The Lambda code's imports, scanned once. */
const lambdaImports = () => (scanned ??= importsOf(['functions', 'shared']));

describe('dependencies', () => {
  test('no package with a known problem is in the run-time tree', () => {
    const found = runtimeTree.flatMap(({ path, name, version }) =>
      KNOWN_BAD.filter((bad) => bad.name === name && bad.affected(version)).map((bad) => `${path}@${version}: ${bad.why}`),
    );
    expect(found).toEqual([]);
  });

  test('one version of each Powertools and AWS SDK package at run time, and one for each family in package.json', () => {
    const versions = new Map<string, Set<string>>();
    for (const { name, version } of runtimeTree) {
      if (name.startsWith('@aws-lambda-powertools/') || name.startsWith('@aws-sdk/')) versions.set(name, (versions.get(name) ?? new Set()).add(version));
    }
    const duplicated = [...versions].filter(([, set]) => set.size > 1).map(([name, set]) => `${name}: ${[...set].join(', ')}`);
    expect(duplicated).toEqual([]);

    const declared = { ...manifest.dependencies, ...manifest.devDependencies };
    const family = (prefix: string) => new Set(Object.entries(declared).filter(([name]) => name.startsWith(prefix)).map(([, version]) => version));
    // Clients and lib-dynamodb are released together: one version for all, or they bring their own cores.
    expect([...family('@aws-sdk/')]).toHaveLength(1);
    expect([...family('@aws-lambda-powertools/')]).toHaveLength(1);
  });

  test('every version in package.json is pinned, and the lockfile was written from it', () => {
    const declared = { ...manifest.dependencies, ...manifest.devDependencies };
    expect(Object.entries(declared).filter(([, version]) => !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version))).toEqual([]);
    expect(Object.keys(manifest.dependencies).filter((name) => name in manifest.devDependencies)).toEqual([]);
    expect(lock.packages['']!.dependencies ?? {}).toEqual(manifest.dependencies);
    expect(lock.packages['']!.devDependencies ?? {}).toEqual(manifest.devDependencies);
  });

  test('`dependencies` is exactly what the Lambda code (functions/, shared/) loads', () => {
    const { values, types } = lambdaImports();
    const runtime = new Set([...values.keys()].filter((name) => !external(name)));
    // Loaded but not declared: a bundle that builds only by luck (a hoisted transitive package).
    expect([...runtime].filter((name) => !(name in manifest.dependencies)).map((name) => `${name} (${values.get(name)![0]})`)).toEqual([]);
    // Declared but never loaded: it belongs in devDependencies.
    expect(Object.keys(manifest.dependencies).filter((name) => !runtime.has(name) && !bundledFilePackages.has(name))).toEqual([]);
    // The externals the code loads come from the Lambda runtime; they are devDependencies, for the tests.
    expect(Object.keys(manifest.dependencies).filter(external)).toEqual([]);
    expect([...values.keys()].filter((name) => external(name) && !(name in manifest.devDependencies))).toEqual([]);
    // Type-only imports load nothing, but the types must come from a declared package.
    const declared = (name: string) => name in manifest.dependencies || name in manifest.devDependencies || `@types/${name.replace(/^@(.+)\//, '$1__')}` in manifest.devDependencies;
    expect([...types.keys()].filter((name) => !values.has(name) && !declared(name))).toEqual([]);
  });

  test('the import scan sees the kinds of import the code uses', () => {
    const { values, types } = lambdaImports();
    // import … from, import x = require(…), await import(…), import type … from
    expect(values.has('zod')).toBe(true);
    expect(values.has('pdfkit')).toBe(true);
    expect(values.has('@aws-lambda-powertools/parameters')).toBe(true);
    expect(types.has('aws-lambda')).toBe(true);
    expect(values.has('aws-lambda')).toBe(false);
  });
});
