import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { ROUTES } from '../../shared/contract/routes';
import { JOB_TASKS } from '../../infra/job-tasks';
import { BUNDLE_LIMIT_BYTES, ESBUILD_OPTIONS, LETTER_BUNDLE_LIMIT_BYTES, PASSKEY_BUNDLE_LIMIT_BYTES } from '../../infra/bundle-settings';

const root = join(__dirname, '..', '..');

/** Every function bundled as ServiceFunction bundles it (minified CommonJS, the AWS SDK left to the runtime). */
const functions = [
  ...ROUTES.map((r) => ({ id: r.id, entry: r.entry, letters: r.bundledFiles === 'letter-fonts' })),
  ...JOB_TASKS.map((t) => ({ id: `job-${t.state}`, entry: t.entry, letters: t.bundledFiles === 'letter-fonts' })),
];
const bundles = functions.map((fn) => {
  const result = buildSync({
    ...ESBUILD_OPTIONS,
    entryPoints: [join(root, fn.entry)], write: false, metafile: true, logLevel: 'silent',
  });
  // What reached the output (esbuild lists every parsed file as an input, tree-shaken or not).
  const output = Object.values(result.metafile!.outputs)[0]!;
  const inputs = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([file]) => file);
  return { ...fn, bytes: result.outputFiles[0]!.contents.byteLength, inputs };
});

// The route table reads the job registry, so whatever the registry imports lands in every
// function: it once pulled every job type, pdfkit included, into all of them (1.3 MB each).
test('only the functions that write letters carry pdfkit and fontkit', () => {
  const carrying = bundles.filter((b) => b.inputs.some((file) => /node_modules\/(pdfkit|fontkit)\//.test(file))).map((b) => b.id);
  expect(carrying.sort()).toEqual(functions.filter((fn) => fn.letters).map((fn) => fn.id).sort());
});

/** The functions that run a WebAuthn ceremony, and only those, carry @simplewebauthn/server. */
const ceremony = (b: { inputs: string[] }) => b.inputs.some((file) => file.includes('node_modules/@simplewebauthn/server/'));

test('only the passkey ceremonies carry @simplewebauthn/server', () => {
  expect(bundles.filter(ceremony).map((b) => b.id).sort()).toEqual(['passkey-registration-options', 'passkey-sign-in', 'passkey-sign-in-options', 'register-passkey']);
});

test('every function stays within 250 KB, and the letter writers and passkey ceremonies within their own limits', () => {
  const large = bundles
    .filter((b) => b.bytes > (b.letters ? LETTER_BUNDLE_LIMIT_BYTES : ceremony(b) ? PASSKEY_BUNDLE_LIMIT_BYTES : BUNDLE_LIMIT_BYTES))
    .map((b) => `${b.id} ${Math.round(b.bytes / 1024)} KB`);
  expect(large).toEqual([]);
});

test("the letter writers carry no JavaScript brotli decoder (Node's zlib stands in)", () => {
  const letters = bundles.filter((b) => b.letters);
  expect(letters.length).toBeGreaterThan(0);
  for (const b of letters) expect(b.inputs.filter((file) => file.includes('node_modules/brotli/'))).toEqual([]);
});

test('API functions carry no job type code, and only the job tasks carry the OneRoster and CSV libraries they need', () => {
  const api = bundles.filter((b) => !b.id.startsWith('job-'));
  const withTypes = api.filter((b) => b.inputs.some((file) => file.includes('shared/jobs/types/'))).map((b) => b.id);
  expect(withTypes).toEqual([]);
  const withCsvParse = api.filter((b) => b.inputs.some((file) => file.includes('node_modules/csv-parse/'))).map((b) => b.id).sort();
  expect(withCsvParse).toEqual(['import-oneroster', 'import-oneroster-schools']);
});

// A handler imports its own group's contract file, never the index: the table of every route (and
// the schemas of other groups) stays out of its bundle. The OpenAPI route serves the whole
// contract, so it is the one that carries every group.
test("each API function carries its own group's routes and no other group's", () => {
  const contractFiles = (b: (typeof bundles)[number]) =>
    b.inputs.filter((file) => /shared\/contract\/routes(\.ts|\/)/.test(file)).map((file) => file.replace(/^.*shared\/contract\//, '')).sort();
  for (const route of ROUTES.filter((r) => r.id !== 'openapi')) {
    const bundle = bundles.find((b) => b.id === route.id)!;
    expect({ route: route.id, contract: contractFiles(bundle) }).toEqual({ route: route.id, contract: [`routes/${route.group}.ts`] });
  }
  for (const task of bundles.filter((b) => b.id.startsWith('job-'))) expect({ task: task.id, contract: contractFiles(task) }).toEqual({ task: task.id, contract: [] });
  expect(contractFiles(bundles.find((b) => b.id === 'openapi')!)).toContain('routes.ts');
});
